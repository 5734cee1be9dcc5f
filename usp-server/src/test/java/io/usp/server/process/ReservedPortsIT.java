package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.server.e2e.AdminApi;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No deployment may take a port the server needs itself, whichever way it comes in (server.yaml:
 * ConfigErrorIT; here the API and {@code import}); and one stored before that rule, or before
 * the admin port moved onto it, is left unbound while the server and its admin API start.
 */
@Timeout(180)
class ReservedPortsIT {

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
    void theApiAndImportRefuseTheServersOwnPortsAndAStoredClashDoesNotStopTheServer() throws Exception {
        int tunnelPort = FreePorts.pick();
        int adminPort = FreePorts.pick();
        int laterAdminPort = FreePorts.pick();
        writeServerYaml(tunnelPort, adminPort);
        server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server", "run", "--config", "server.yaml");
        server.awaitOutput("is running");
        String base = "http://127.0.0.1:" + adminPort;
        AdminApi api = new AdminApi(base, "admin", server.firstAdminPassword());

        for (int taken : new int[] {adminPort, tunnelPort}) {
            HttpResponse<String> refused = api.call("POST", "/api/v1/deployments",
                    deploymentJson("on-" + taken, taken));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("listener.port", "port " + taken + " is the",
                    "which the server needs itself");
        }
        assertThat(api.call("GET", "/api/v1/deployments", null).body()).isEqualTo("[]");
        assertThat(server.terminate()).isEqualTo(143);

        Files.writeString(dir.resolve("onAdmin.yaml"), deploymentsYaml("web", adminPort));
        try (JarProcess refused = JarProcess.start(JarProcess.SERVER_JAR, dir, "import-refused", "import",
                "--config", "server.yaml", "onAdmin.yaml")) {
            assertThat(refused.awaitExit()).as(refused.transcript()).isNotZero();
            assertThat(refused.stderr()).contains("listener.port",
                    "port " + adminPort + " is the admin server's port (admin.port)");
        }

        // stored while the port was free; then the admin server moves onto it
        Files.writeString(dir.resolve("later.yaml"), deploymentsYaml("web", laterAdminPort));
        try (JarProcess imported = JarProcess.start(JarProcess.SERVER_JAR, dir, "import", "import",
                "--config", "server.yaml", "later.yaml")) {
            assertThat(imported.awaitExit()).as(imported.transcript()).isZero();
        }
        writeServerYaml(tunnelPort, laterAdminPort);
        server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server-again", "run", "--config", "server.yaml");
        server.awaitOutput("deployment web ->");

        assertThat(server.stdout()).as("reported, left unbound").contains("FAILED: deployment 'web': not listening on "
                + "127.0.0.1:" + laterAdminPort + ": port " + laterAdminPort + " is the admin server's port");
        assertThat(AdminApi.withToken("http://127.0.0.1:" + laterAdminPort, api.token()).call("GET", "/health", null)
                .statusCode())
                .as("the admin server got its port").isEqualTo(200);
        assertThat(server.isAlive()).isTrue();
    }

    private void writeServerYaml(int tunnelPort, int adminPort) throws Exception {
        Files.writeString(dir.resolve("server.yaml"), """
                dataDir: data
                tunnel: { bind: 127.0.0.1, port: %d }
                admin: { bind: 127.0.0.1, port: %d }
                """.formatted(tunnelPort, adminPort));
    }

    private static String deploymentJson(String name, int port) {
        return """
                {"name": "%s", "listener": {"bind": "127.0.0.1", "port": %d},
                 "target": {"host": "127.0.0.1", "port": 9}}
                """.formatted(name, port);
    }

    private static String deploymentsYaml(String name, int port) {
        return """
                deployments:
                  - name: %s
                    listener: { bind: 127.0.0.1, port: %d }
                    target: { host: 127.0.0.1, port: 9 }
                """.formatted(name, port);
    }
}
