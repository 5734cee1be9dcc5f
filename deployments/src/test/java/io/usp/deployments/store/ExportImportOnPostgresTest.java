package io.usp.deployments.store;

/** {@link ExportImportTest} on PostgreSQL. */
class ExportImportOnPostgresTest extends ExportImportTest implements StoreTest.OnPostgres {
}
