-- The cluster's CA when servers share this database: its certificate (PEM), and its private key
-- sealed with a key derived from the cluster secret, which only the servers hold (in a file of
-- their own), so the key cannot be read from the database alone. At most one row.
CREATE TABLE cluster_ca (
    id              INT            NOT NULL PRIMARY KEY CHECK (id = 1),
    certificate     VARCHAR(20000) NOT NULL,
    sealed_key      VARCHAR(20000) NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
