package io.usp.deployments.store;

/** {@link UpsertTest} on PostgreSQL. */
class UpsertOnPostgresTest extends UpsertTest implements StoreTest.OnPostgres {
}
