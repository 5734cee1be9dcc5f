-- The servers sharing this database, each as it last said it was alive: its name (unique in the
-- cluster), where clients reach its tunnel port, when it started and its latest heartbeat. A
-- server whose heartbeat is old is gone; a server that stops removes its row.
CREATE TABLE cluster_server (
    name            VARCHAR(100)   NOT NULL PRIMARY KEY,
    peer_address    VARCHAR(300)   NOT NULL,
    started_at      TIMESTAMP(9) WITH TIME ZONE NOT NULL,
    heartbeat_at    TIMESTAMP(9) WITH TIME ZONE NOT NULL
);
