-- Admin login sessions, in the store so that any server sharing it serves a logged-in admin
-- (the admin UI may sit behind a balancer). The session id itself never is: only its SHA-256.
CREATE TABLE admin_session (
    id_hash         CHAR(64)     NOT NULL PRIMARY KEY,
    username        VARCHAR(63)  NOT NULL REFERENCES admin_user (username) ON DELETE CASCADE,
    csrf_token      VARCHAR(64)  NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    last_used_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
CREATE INDEX admin_session_user ON admin_session (username);
