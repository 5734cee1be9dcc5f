-- Enrollment and revocation of clients (issue 5, docs/enrollment.md).

-- One-time enrollment tokens. Only the SHA-256 of a token's secret is kept, so a copy of the
-- database cannot be used to enroll. A token is spent when used_at is set.
CREATE TABLE enrollment_token (
    secret_hash     CHAR(64)     NOT NULL PRIMARY KEY, -- SHA-256 hex of the secret
    client_name     VARCHAR(63)  NOT NULL,
    created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    created_by      VARCHAR(63)  NOT NULL,             -- the admin who added the client
    expires_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    used_at         TIMESTAMP(6) WITH TIME ZONE,
    used_from       VARCHAR(64)                        -- the enrolling client's address:port
);
CREATE INDEX enrollment_token_client ON enrollment_token (client_name);

-- The last revocation of each client name. Every certificate of that name issued before
-- revoked_at is refused, and so is every token made before it; a client added again after a
-- revocation enrolls with a new token and a new certificate. Kept apart from the table client,
-- whose rows exist only once a client has connected.
CREATE TABLE client_revocation (
    client_name     VARCHAR(63)  NOT NULL PRIMARY KEY,
    revoked_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_by      VARCHAR(63)  NOT NULL
);
