package io.usp.deployments.store;

import static io.usp.deployments.store.Fixtures.named;
import static io.usp.deployments.store.Fixtures.partners;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file database in the data folder: it keeps what was written, and only one process may hold it. */
class DatabaseFileTest {

    @TempDir
    Path dataDir;

    @Test
    void whatWasWrittenIsThereAfterReopening() {
        TestClock clock = new TestClock();
        Path nested = dataDir.resolve("data");
        try (Database db = Database.open(nested, clock)) {
            db.deployments().createIpFilter(partners(), "alice");
            db.deployments().create(named("api", 10443, partners()), "alice");
            db.admins().createUser("admin", "hash", clock.instant());
            db.history().add(List.of(new ConnectionHistory.ConnectionRecord(0, clock.instant(), "api",
                    "192.0.2.1:1000", Optional.empty(), Optional.empty(), "ip-filter", Optional.empty(), 0, 0, 0, 1, 0)));
        }
        assertThat(nested.resolve("usp.mv.db")).isRegularFile();

        try (Database db = Database.open(nested, clock)) { // migrations already applied: nothing to do
            assertThat(db.deployments().deployments()).singleElement()
                    .isEqualTo(new StoredDeployment(named("api", 10443, partners()), false, TestClock.START,
                            TestClock.START));
            assertThat(db.admins().user("admin")).isPresent();
            assertThat(db.history().recent(10, Optional.empty())).hasSize(1);
            assertThat(db.audit().recent(10)).hasSize(2);
        }
    }

    @Test
    void aDatabaseHeldByAnotherProcessIsRefusedNamingTheFile() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                HoldDatabase.class.getName(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            var out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("open");

            assertThatThrownBy(() -> Database.open(dataDir, new TestClock()))
                    .isInstanceOfSatisfying(DatabaseInUseException.class,
                            e -> assertThat(e.file()).isEqualTo(dataDir.resolve("usp.mv.db")))
                    .hasMessageContaining(dataDir.resolve("usp.mv.db").toString())
                    .hasMessageContaining("in use by another process");
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
        assertThat(holder.exitValue()).isZero();
        try (Database db = Database.open(dataDir, new TestClock())) { // free again
            assertThat(db.deployments().deployments()).isEmpty();
        }
        assertThat(Files.list(dataDir)).isNotEmpty();
    }
}
