package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.deployments.Deployment;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.Target;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.Database;
import io.usp.deployments.store.SharedDatabase;
import io.usp.deployments.store.TestPostgres;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClusterSecret;
import io.usp.protocol.pki.Pem;
import io.usp.server.cli.ServerMain;
import io.usp.server.UspServer;
import io.usp.server.config.ClusterSettings;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Servers on a shared PostgreSQL keep their state there, not in their data folders: what one
 * stores, the others serve; a change and a revocation through one reach the others at once;
 * and they share one CA, whose key the database holds sealed with the cluster secret.
 */
class SharedDatabaseTest extends WithTargets {

    private static byte[] secret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    @Test
    void aChangeAndARevocationThroughOneServerReachTheOtherRunningBesideIt() throws Exception {
        int echo = targets.start(Targets::echo);
        ClusterSettings cluster = new ClusterSettings(TestPostgres.get().freshDatabase(), ClusterSecret.of(secret()));
        try (World one = new World(dir.resolve("one")); World two = new World(dir.resolve("two"))) {
            one.cluster(cluster);
            two.cluster(cluster);
            UspServer first = one.startServer(List.of());
            UspServer second = two.startServer(List.of());
            assertThat(CertificateAuthority.loadOrCreate(dir.resolve("two/server-data")).certificate())
                    .as("the second server took the first one's CA")
                    .isEqualTo(CertificateAuthority.loadOrCreate(dir.resolve("one/server-data")).certificate());
            // a client with a certificate issued through the first server is trusted by the second
            two.startClient(two.config("agent-a", one.credentials("agent-a"), World.allowLoopback()));
            two.awaitTunnels("agent-a", 2);

            first.database().deployments().create(World.direct("echo", echo), "alice");
            first.reconcile();
            Await.until(() -> second.listeners().get("echo").isPresent(), "the second server listens for echo");
            assertThat(Partner.echoesExactly(two.port("echo"), "127.0.0.1", 1 << 20, 5, pool)).isTrue();

            first.enrollment().revocations().revoke(first.database().enrollment(), "agent-a", first.clock().instant(),
                    "alice");
            Await.until(() -> second.tunnels().connections("agent-a").isEmpty(),
                    "the second server closed the revoked client's tunnels");
            assertThat(second.enrollment().revocations().revokedAt("agent-a")).isPresent();
        }
    }

    /** Each server registers itself with its peer address and a heartbeat; one that stops leaves. */
    @Test
    void theServersOfTheClusterAreListedOnEachAndOneThatStopsLeaves() throws Exception {
        ClusterSettings cluster = new ClusterSettings(TestPostgres.get().freshDatabase(), ClusterSecret.of(secret()));
        try (World one = new World(dir.resolve("dmz-1")); World two = new World(dir.resolve("dmz-2"))) {
            one.cluster(cluster);
            two.cluster(cluster);
            UspServer first = one.startServer(List.of());
            UspServer second = two.startServer(List.of());
            AdminApi api = new AdminApi("http://127.0.0.1:" + one.startAdmin("admin-password-1").port(), "admin",
                    "admin-password-1");

            JsonNode servers = api.expect(200, "GET", "/api/v1/servers", null);
            assertThat(servers).hasSize(2);
            assertThat(servers.get(0).get("name").asText()).isEqualTo("dmz-1");
            assertThat(servers.get(0).get("self").asBoolean()).isTrue();
            assertThat(servers.get(0).get("peerAddress").asText()).isEqualTo("localhost:" + first.tunnelPort());
            assertThat(servers.get(1).get("name").asText()).isEqualTo("dmz-2");
            assertThat(servers.get(1).get("self").asBoolean()).isFalse();
            assertThat(servers.get(1).get("peerAddress").asText()).isEqualTo("localhost:" + second.tunnelPort());
            assertThat(servers.findValuesAsText("live")).containsOnly("true");
            try (World twin = new World(dir.resolve("twin"))) {
                twin.cluster(cluster.named("dmz-1"));
                assertThatThrownBy(() -> twin.startServer(List.of()))
                        .hasMessageContaining("server.name: 'dmz-1' is the name of a live server of this cluster at "
                                + "localhost:" + first.tunnelPort());
            }

            second.close(); // closing again at the end does nothing
            assertThat(api.expect(200, "GET", "/api/v1/servers", null).findValuesAsText("name")).containsExactly("dmz-1");
        }
    }

    /** Two servers of one host, each with its listeners on its own address: one deployment, one port, both serve it. */
    @Test
    void serversOfOneHostListenOnTheirOwnAddressesForTheSamePort() throws Exception {
        int echo = targets.start(Targets::echo);
        int port = LoopbackPorts.free();
        ClusterSettings cluster = new ClusterSettings(TestPostgres.get().freshDatabase(), ClusterSecret.of(secret()));
        try (World one = new World(dir.resolve("dmz-1")); World two = new World(dir.resolve("dmz-2"))) {
            one.cluster(cluster.listeningOn("127.0.0.11"));
            two.cluster(cluster.listeningOn("127.0.0.12"));
            UspServer first = one.startServer(List.of());
            UspServer second = two.startServer(List.of());
            first.database().deployments().create(new Deployment("echo", new Listener("0.0.0.0", port),
                    IpFilter.ALLOW_ALL, Limits.NONE, new Target("127.0.0.1", echo), Optional.empty(),
                    Deployment.DEFAULT_IDLE_TIMEOUT), "alice");
            first.reconcile();
            Await.until(() -> second.listeners().get("echo").isPresent(), "the second server listens for echo");
            for (String address : List.of("127.0.0.11", "127.0.0.12")) {
                byte[] data = Partner.random(70_000, address.hashCode());
                try (Socket partner = new Socket(address, port)) {
                    assertThat(Partner.roundTrip(partner, data)).as("through %s:%d", address, port).isEqualTo(data);
                }
            }
        }
    }

    /** The admin UI behind a balancer: a login through one server's admin server is a session on the other's. */
    @Test
    void anAdminLoggedInThroughOneServerIsLoggedInOnTheOther() throws Exception {
        ClusterSettings cluster = new ClusterSettings(TestPostgres.get().freshDatabase(), ClusterSecret.of(secret()));
        try (World one = new World(dir.resolve("one")); World two = new World(dir.resolve("two"))) {
            one.cluster(cluster);
            two.cluster(cluster);
            one.startServer(List.of());
            two.startServer(List.of());
            String first = "http://127.0.0.1:" + one.startAdmin("admin-password-1").port();
            String second = "http://127.0.0.1:" + two.startAdmin("admin-password-1").port();
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(first + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String loginCsrf = cookie(form, "usp_login_csrf");
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(first + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", "usp_login_csrf=" + loginCsrf)
                    .POST(HttpRequest.BodyPublishers.ofString("csrf=" + loginCsrf
                            + "&username=admin&password=admin-password-1&next=/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isBetween(300, 399);
            String session = cookie(login, "usp_session");

            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(second + "/dashboard"))
                    .header("Cookie", "usp_session=" + session).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as("the second server knows the session").isEqualTo(200);
            HttpResponse<String> stranger = http.send(HttpRequest.newBuilder(URI.create(second + "/dashboard"))
                    .header("Cookie", "usp_session=not-a-session").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stranger.statusCode()).as("an unknown session is sent to the login").isBetween(300, 399);
        }
    }

    /**
     * The database away: live partners go on, the listeners keep what they had, an admin write is
     * answered 503 and changes nothing, and once it is back a write goes through and applies.
     */
    @Test
    void whileTheDatabaseIsAwayPartnersGoOnAndAdminWritesAnswer503() throws Exception {
        int echo = targets.start(Targets::echo);
        SharedDatabase shared = TestPostgres.get().freshDatabase();
        try (World world = new World(dir)) {
            world.cluster(new ClusterSettings(shared, ClusterSecret.of(secret())));
            world.startServer(List.of(World.direct("echo", echo)));
            AdminApi api = new AdminApi("http://127.0.0.1:" + world.startAdmin("admin-password-1").port(), "admin",
                    "admin-password-1");
            String later = "later";
            String body = "{\"name\": \"later\", \"listener\": {\"bind\": \"127.0.0.1\", \"port\": 0},"
                    + " \"target\": {\"host\": \"127.0.0.1\", \"port\": " + echo + "}}";

            TestPostgres.get().cut(shared);
            try {
                assertThat(Partner.echoesExactly(world.port("echo"), "127.0.0.1", 1 << 20, 6, pool))
                        .as("the listener kept its deployment").isTrue();
                HttpResponse<String> refused = api.call("POST", "/api/v1/deployments", body);
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.body()).contains("the database is unreachable");
                assertThat(refused.headers().firstValue("Retry-After")).contains("5");
            } finally {
                TestPostgres.get().restore(shared);
            }
            Await.until(() -> created(api, body), "the write goes through once the database is back");
            Await.until(() -> world.server().listeners().get(later).isPresent(), "the new deployment listens");
        }
    }

    /** issue-client on a machine that has not run a server of the cluster yet signs with the cluster's CA. */
    @Test
    void issueClientSignsWithTheClusterCaFromTheDatabase() throws Exception {
        SharedDatabase shared = TestPostgres.get().freshDatabase();
        byte[] secret = secret();
        try (World first = new World(dir.resolve("first"))) {
            first.cluster(new ClusterSettings(shared, ClusterSecret.of(secret)));
            first.startServer(List.of());
        }
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("db-password"), shared.password() + "\n");
        Files.write(other.resolve("cluster.secret"), secret);
        for (String file : List.of("db-password", "cluster.secret")) {
            Files.setPosixFilePermissions(other.resolve(file), PosixFilePermissions.fromString("rw-------"));
        }
        Path yaml = other.resolve("server.yaml");
        Files.writeString(yaml, "dataDir: data\ntunnel: { port: 7443, names: [127.0.0.1] }\nadmin: { enabled: false }\n"
                + "database: { url: \"" + shared.url() + "\", user: " + shared.user() + ", passwordFile: db-password }\n"
                + "cluster: { secretFile: cluster.secret }\n");
        int exit = ServerMain.commandLine().setOut(new PrintWriter(Writer.nullWriter()))
                .execute("issue-client", "--config", yaml.toString(), "--name", "agent-z", "--out",
                        other.resolve("agent-z").toString());
        assertThat(exit).isZero();
        X509Certificate clusterCa = CertificateAuthority.loadOrCreate(dir.resolve("first/server-data")).certificate();
        Pem.readCertificate(other.resolve("agent-z/agent-z.crt")).verify(clusterCa.getPublicKey());
        assertThat(Pem.readCertificate(other.resolve("agent-z/ca.crt"))).isEqualTo(clusterCa);
    }

    private static boolean created(AdminApi api, String deployment) {
        try {
            return api.call("POST", "/api/v1/deployments", deployment).statusCode() == 201;
        } catch (Exception e) {
            throw new IllegalStateException("the admin API did not answer: " + e.getMessage(), e);
        }
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .findFirst().orElseThrow(() -> new AssertionError("no cookie " + name + " in " + response.headers()));
    }

    @Test
    void aDeploymentStoredThroughOneServerIsServedByAnotherOnTheSameDatabase() throws Exception {
        int echo = targets.start(Targets::echo);
        ClusterSettings cluster = new ClusterSettings(TestPostgres.get().freshDatabase(), ClusterSecret.of(secret()));
        try (World first = new World(dir.resolve("first"))) {
            first.cluster(cluster);
            first.startServer(List.of());
            first.server().database().deployments().create(World.direct("echo", echo), "alice");
            first.server().reconcile();
            assertThat(Partner.echoesExactly(first.port("echo"), "127.0.0.1", 1 << 20, 3, pool)).isTrue();
        }
        Path secondData = dir.resolve("second");
        try (World second = new World(secondData)) {
            second.cluster(cluster);
            second.startServer(List.of());
            assertThat(Partner.echoesExactly(second.port("echo"), "127.0.0.1", 1 << 20, 4, pool)).isTrue();
            assertThat(second.server().database().audit().recent(10)).extracting(AuditLog.AuditEntry::actor)
                    .contains("alice");
            assertThat(Files.exists(Database.file(secondData.resolve("server-data")))).as("no H2 database beside it")
                    .isFalse();
        }
    }

    @Test
    void anotherSecretOrAnotherLocalCaIsRefusedWithTheReason() throws Exception {
        SharedDatabase shared = TestPostgres.get().freshDatabase();
        ClusterSecret secret = ClusterSecret.of(secret());
        try (World first = new World(dir.resolve("first"))) {
            first.cluster(new ClusterSettings(shared, secret));
            first.startServer(List.of());
        }
        try (World wrongSecret = new World(dir.resolve("wrong-secret"))) {
            wrongSecret.cluster(new ClusterSettings(shared, ClusterSecret.of(secret())));
            assertThatThrownBy(() -> wrongSecret.startServer(List.of()))
                    .hasMessageContaining("the cluster secret does not open the CA key stored in the database");
        }
        Path ownCa = dir.resolve("own-ca");
        CertificateAuthority.loadOrCreate(ownCa.resolve("server-data"));
        try (World other = new World(ownCa)) {
            other.cluster(new ClusterSettings(shared, secret));
            assertThatThrownBy(() -> other.startServer(List.of()))
                    .hasMessageContaining("is not the cluster's CA in the shared database");
        }
    }
}
