package io.usp.deployments.store;

/** {@link DeploymentStoreTest} on PostgreSQL. */
class DeploymentStoreOnPostgresTest extends DeploymentStoreTest implements StoreTest.OnPostgres {
}
