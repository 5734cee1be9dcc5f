package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.Database;
import io.usp.deployments.store.SharedDatabase;
import io.usp.deployments.store.TestPostgres;
import io.usp.server.UspServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server on a shared PostgreSQL keeps its state there, not in its data folder: what one server
 * stored, the next one started on another data folder serves.
 */
class SharedDatabaseTest extends WithTargets {

    /** Two servers at once on one database and one data folder (so one CA): a change and a revocation through the first reach the second. */
    @Test
    void aChangeAndARevocationThroughOneServerReachTheOtherRunningBesideIt() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir)) {
            world.database(TestPostgres.get().freshDatabase());
            UspServer first = world.startServer(List.of());
            UspServer second = world.startServer(List.of()); // world.server() from here on
            world.startClient("agent-a", World.allowLoopback());
            world.awaitTunnels("agent-a", 2);

            first.database().deployments().create(World.direct("echo", echo), "alice");
            first.reconcile();
            Await.until(() -> second.listeners().get("echo").isPresent(), "the second server listens for echo");
            assertThat(Partner.echoesExactly(world.port("echo"), "127.0.0.1", 1 << 20, 5, pool)).isTrue();

            first.enrollment().revocations().revoke(first.database().enrollment(), "agent-a", first.clock().instant(),
                    "alice");
            Await.until(() -> second.tunnels().connections("agent-a").isEmpty(),
                    "the second server closed the revoked client's tunnels");
            assertThat(second.enrollment().revocations().revokedAt("agent-a")).isPresent();
        }
    }

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
