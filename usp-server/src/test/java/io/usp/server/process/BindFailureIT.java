package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A listener port that is taken does not stop the server: {@code run} shows the deployment as
 * FAILED with its address and why, and binds it as soon as the port is free. A taken tunnel or
 * admin port stops it at once, naming the address, what it is for and the keys that set it,
 * before the CA or the database are made.
 */
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
    void takenListenerPortIsShownAsFailedAndBoundOnceFree() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = taken.getLocalPort();
            Files.writeString(dir.resolve("server.yaml"), """
                    dataDir: data
                    tunnel: { bind: 127.0.0.1, port: %d }
                    admin: { enabled: false }
                    deployments:
                      - name: web
                        listener: { bind: 127.0.0.1, port: %d }
                        target: { host: 127.0.0.1, port: 8080 }
                    """.formatted(FreePorts.pick(), port));

            server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server", "run", "--config", "server.yaml");

            server.awaitOutput("deployment web ->");
            assertThat(server.stdout()).contains("is running", "FAILED", "deployment 'web'",
                    "127.0.0.1:" + port);
            assertThat(server.stdout()).as("logged, with the address")
                    .contains("listener failed deployment 'web': cannot listen on 127.0.0.1:" + port);
        }
        long deadline = System.nanoTime() + JarProcess.DEADLINE.toNanos();
        while (!accepts(port)) {
            assertThat(System.nanoTime()).as(server.transcript()).isLessThan(deadline);
            JarProcess.pause();
        }
        assertThat(server.isAlive()).isTrue();
    }

    @ParameterizedTest(name = "{0} port taken")
    @CsvSource({
        "tunnel, listen for tunnels, 'tunnel.bind, tunnel.port'",
        "admin, serve the admin UI and API, 'admin.bind, admin.port'"})
    void takenPortOfTheServerItselfStopsItNamingThePortBeforeAnyFileIsMade(String which, String purpose,
                                                                         String keys) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            int tunnelPort = which.equals("tunnel") ? port : FreePorts.pick();
            int adminPort = which.equals("admin") ? port : FreePorts.pick();
            Files.writeString(dir.resolve("server.yaml"), """
                    dataDir: data
                    tunnel: { bind: 127.0.0.1, port: %d }
                    admin: { bind: 127.0.0.1, port: %d }
                    """.formatted(tunnelPort, adminPort));

            server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server", "run", "--config", "server.yaml");

            assertThat(server.awaitExit()).as(server.transcript()).isEqualTo(1);
            assertThat(server.stderr().strip()).as("one line").doesNotContain("\n")
                    .contains("cannot " + purpose + " on 127.0.0.1:" + port, "(" + keys + " in server.yaml)",
                            "Address already in use (another program, or another usp-server, listens there)");
            assertThat(dir.resolve("data")).as("no CA, no database, no admin: nothing half made").doesNotExist();
            assertThat(server.stdout()).doesNotContain("Created admin user");
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
