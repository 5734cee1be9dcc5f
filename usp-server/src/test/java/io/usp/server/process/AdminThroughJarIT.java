package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.server.e2e.AdminApi;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin server of the built jar, the way an operator meets it: the generated first password,
 * {@code /health}, a deployment added through the API that outlives a restart, {@code /metrics},
 * and {@code export} / {@code import} moving every deployment to another server unchanged.
 */
@Timeout(180)
class AdminThroughJarIT {

    @TempDir
    Path dir;

    private JarProcess server;
    private EchoTarget target;

    @AfterEach
    void stopAll() throws Exception {
        if (server != null) {
            server.close();
        }
        if (target != null) {
            target.close();
        }
    }

    @Test
    void apiChangesPersistAndExportImportRoundTrips() throws Exception {
        target = EchoTarget.start();
        int adminPort = FreePorts.pick();
        int addedPort = FreePorts.pick();
        Files.writeString(dir.resolve("server.yaml"), serverYaml(adminPort, true));

        server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server", "run", "--config", "server.yaml");
        server.awaitOutput("is running");
        String password = server.firstAdminPassword();
        assertThat(server.stdout().lines().filter(l -> l.contains(password)))
                .as("the password is printed once, never logged").hasSize(1);
        String base = "http://127.0.0.1:" + adminPort;

        AdminApi api = new AdminApi(base, "admin", password);
        assertThat(api.call("GET", "/health", null).statusCode()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/deployments/web", null).body()).contains("\"managedBy\":\"server.yaml\"");
        HttpResponse<String> added = api.call("POST", "/api/v1/deployments", """
                {"name": "added", "listener": {"bind": "127.0.0.1", "port": %d},
                 "target": {"host": "127.0.0.1", "port": %d}, "idleTimeout": "10m"}
                """.formatted(addedPort, target.port()));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        try (Socket partner = new Socket(InetAddress.getLoopbackAddress(), addedPort)) {
            partner.getOutputStream().write('x');
            assertThat(partner.getInputStream().read()).isEqualTo('x');
        }
        assertThat(api.call("GET", "/metrics", null).body()).contains("usp_connections_accepted_total{deployment=\"added\"}");

        try (JarProcess export = JarProcess.start(JarProcess.SERVER_JAR, dir, "export-locked",
                "export", "--config", "server.yaml")) {
            assertThat(export.awaitExit()).as(export.transcript()).isEqualTo(1);
            assertThat(export.stderr().strip()).as("one line").doesNotContain("\n")
                    .contains("in use by another process", "stop the server first");
        }
        assertThat(server.terminate()).isEqualTo(143);

        assertThat(run(dir, "export", "export", "--config", "server.yaml", "--out", "exported.yaml")).isZero();
        String exported = Files.readString(dir.resolve("exported.yaml"));
        assertThat(exported).contains("name: added", "name: web", "idleTimeout: 10m");

        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("server.yaml"), "dataDir: data\nadmin: { enabled: false }\n");
        Files.copy(dir.resolve("exported.yaml"), other.resolve("exported.yaml"));
        assertThat(run(other, "import", "import", "--config", "server.yaml", "exported.yaml")).isZero();
        assertThat(run(other, "export-again", "export", "--config", "server.yaml", "--out", "again.yaml")).isZero();
        assertThat(Files.readString(other.resolve("again.yaml"))).as("round trip").isEqualTo(exported);

        Files.writeString(dir.resolve("server.yaml"), serverYaml(adminPort, false));
        server = JarProcess.start(JarProcess.SERVER_JAR, dir, "server-again", "run", "--config", "server.yaml");
        server.awaitOutput("deployment added ->");
        assertThat(server.stdout()).as("kept across the restart").contains("deployment added ->")
                .as("gone from server.yaml, so gone").doesNotContain("deployment web ->")
                .as("users are kept").doesNotContain("Created admin user");
    }

    private String serverYaml(int adminPort, boolean withWeb) throws Exception {
        String web = """
                deployments:
                  - name: web
                    listener: { bind: 127.0.0.1, port: %d }
                    target: { host: 127.0.0.1, port: %d }
                """.formatted(FreePorts.pick(), target.port());
        return """
                dataDir: data
                tunnel: { bind: 127.0.0.1, port: %d }
                admin: { bind: 127.0.0.1, port: %d }
                """.formatted(FreePorts.pick(), adminPort) + (withWeb ? web : "");
    }

    private static int run(Path in, String name, String... args) throws Exception {
        try (JarProcess p = JarProcess.start(JarProcess.SERVER_JAR, in, name, args)) {
            int exit = p.awaitExit();
            assertThat(exit).as(p.transcript()).isZero();
            return exit;
        }
    }
}
