package io.usp.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClusterSecretCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Path file) {
        CommandLine cli = ServerMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cli.execute("cluster-secret", "--out", file.toString());
    }

    @Test
    void writesThirtyTwoRandomBytesOwnerOnlyAndNeverReplacesAFile() throws Exception {
        Path file = dir.resolve("cluster.secret");
        assertThat(run(file)).as(err.toString()).isZero();
        byte[] first = Files.readAllBytes(file);
        assertThat(first).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(out.toString()).contains("cluster: { secretFile: cluster.secret }");

        assertThat(run(file)).isEqualTo(1);
        assertThat(err.toString()).contains("exists already: it is left as it is");
        assertThat(Files.readAllBytes(file)).isEqualTo(first);

        Path other = dir.resolve("other.secret");
        assertThat(run(other)).isZero();
        assertThat(Files.readAllBytes(other)).as("random, not fixed").isNotEqualTo(first);
    }
}
