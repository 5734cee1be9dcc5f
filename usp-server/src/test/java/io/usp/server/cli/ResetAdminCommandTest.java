package io.usp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reset-admin} through the command line, in this JVM, where there is nothing to reset: no
 * database yet, or one without admins. The whole story, with a running server, is in
 * {@code ResetAdminThroughJarIT}.
 */
class ResetAdminCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void config() throws Exception {
        Files.writeString(dir.resolve("server.yaml"), "dataDir: data\nadmin: { enabled: false }\n");
    }

    @Test
    void aDataDirWithoutDatabaseIsAnErrorAndStaysEmpty() {
        assertThat(resetAdmin()).as(err.toString()).isEqualTo(1);

        assertThat(err.toString()).contains("there is no database " + dir.resolve("data/usp.mv.db"),
                "the server has not run with this dataDir yet");
        assertThat(dir.resolve("data/usp.mv.db")).as("not created").doesNotExist();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aDatabaseWithoutAdminsSaysWhereTheFirstOneComesFrom() {
        Database.open(dir.resolve("data"), Clock.systemUTC()).close();

        assertThat(resetAdmin()).as(err.toString()).isEqualTo(1);

        assertThat(err.toString()).contains("there is no admin user 'admin'", "there are no admins yet",
                "the server creates 'admin' when it starts with the admin server enabled");
        try (Database database = Database.open(dir.resolve("data"), Clock.systemUTC())) {
            assertThat(database.admins().users()).isEmpty();
            assertThat(database.audit().recent(10)).isEmpty();
        }
    }

    @Test
    void helpShowsAnExample() {
        assertThat(resetAdmin("--help")).isZero();

        assertThat(out.toString()).contains("--password-stdin", "--user",
                "java -jar usp-server.jar reset-admin --config server.yaml --user admin");
    }

    private int resetAdmin(String... more) {
        CommandLine cli = ServerMain.commandLine().setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true));
        String[] args = new String[3 + more.length];
        args[0] = "reset-admin";
        args[1] = "--config";
        args[2] = dir.resolve("server.yaml").toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return cli.execute(args);
    }
}
