package io.usp.deployments.store;

/** {@link PartnerCredentialStoreTest} on PostgreSQL. */
class PartnerCredentialStoreOnPostgresTest extends PartnerCredentialStoreTest implements StoreTest.OnPostgres {
}
