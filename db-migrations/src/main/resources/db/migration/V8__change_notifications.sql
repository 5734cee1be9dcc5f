-- PostgreSQL only (db/postgresql/V8): triggers that announce changes to the other servers on a
-- shared database. One server uses an H2 database, so there is nothing to announce here; this
-- version keeps the two sets at the same numbers.
SELECT 1;
