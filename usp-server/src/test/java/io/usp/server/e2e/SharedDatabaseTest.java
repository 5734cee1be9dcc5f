package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.Database;
import io.usp.deployments.store.SharedDatabase;
import io.usp.deployments.store.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server on a shared PostgreSQL keeps its state there, not in its data folder: what one server
 * stored, the next one started on another data folder serves.
 */
class SharedDatabaseTest extends WithTargets {

    @Test
    void aDeploymentStoredThroughOneServerIsServedByAnotherOnTheSameDatabase() throws Exception {
        int echo = targets.start(Targets::echo);
        SharedDatabase shared = TestPostgres.get().freshDatabase();
        try (World first = new World(dir.resolve("first"))) {
            first.database(shared);
            first.startServer(List.of());
            first.server().database().deployments().create(World.direct("echo", echo), "alice");
            first.server().reconcile();
            assertThat(Partner.echoesExactly(first.port("echo"), "127.0.0.1", 1 << 20, 3, pool)).isTrue();
        }
        Path secondData = dir.resolve("second");
        try (World second = new World(secondData)) {
            second.database(shared);
            second.startServer(List.of());
            assertThat(Partner.echoesExactly(second.port("echo"), "127.0.0.1", 1 << 20, 4, pool)).isTrue();
            assertThat(second.server().database().audit().recent(10)).extracting(AuditLog.AuditEntry::actor)
                    .contains("alice");
            assertThat(Database.file(secondData.resolve("server-data"))).as("no H2 database beside it")
                    .satisfies(file -> assertThat(Files.exists(file)).isFalse());
        }
    }
}
