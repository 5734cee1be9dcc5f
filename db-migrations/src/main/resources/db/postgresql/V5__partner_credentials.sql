-- Partner credentials of collections (docs/collections.md#partner-credentials): a collection
-- with at least one asks its partners for a username and password (HTTP Basic or RFC 1929).
-- Only the Argon2id hash of a password is kept; credentials go with their deployment.
CREATE TABLE partner_credential (
    deployment      VARCHAR(63)  NOT NULL REFERENCES deployment (name) ON DELETE CASCADE,
    username        VARCHAR(63)  NOT NULL,
    password_hash   VARCHAR(255) NOT NULL, -- argon2id PHC string; the password itself is never stored
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL, -- when this password was set
    CONSTRAINT partner_credential_unique PRIMARY KEY (deployment, username)
);
