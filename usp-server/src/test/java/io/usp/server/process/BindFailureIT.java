package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A listener port that is taken makes {@code run} exit with 1 and say which deployment and address. */
@Timeout(120)
class BindFailureIT {

    @TempDir
    Path dir;

    private JarProcess server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void takenListenerPortExitsWithOneNamingTheDeployment() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.writeString(dir.resolve("server.yaml"), """
                    dataDir: data
                    tunnel: { bind: 127.0.0.1, port: %d }
                    deployments:
                      - name: web
                        listener: { bind: 127.0.0.1, port: %d }
                        target: { host: 127.0.0.1, port: 8080 }
                    """.formatted(FreePorts.pick(), taken.getLocalPort()));

            server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server", "run", "--config", "server.yaml");

            assertThat(server.awaitExit()).as(server.transcript()).isEqualTo(1);
            assertThat(server.stderr().strip()).as("one line").doesNotContain("\n")
                    .contains("deployment 'web'", "127.0.0.1:" + taken.getLocalPort());
            assertThat(server.stdout()).doesNotContain("is running");
        }
    }
}
