package io.usp.deployments.store;

/** {@link EnrollmentStoreTest} on PostgreSQL. */
class EnrollmentStoreOnPostgresTest extends EnrollmentStoreTest implements StoreTest.OnPostgres {
}
