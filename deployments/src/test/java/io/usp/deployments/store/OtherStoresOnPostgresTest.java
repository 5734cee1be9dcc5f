package io.usp.deployments.store;

/** {@link OtherStoresTest} on PostgreSQL. */
class OtherStoresOnPostgresTest extends OtherStoresTest implements StoreTest.OnPostgres {
}
