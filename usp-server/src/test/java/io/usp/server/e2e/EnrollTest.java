package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.client.cli.ClientMain;
import io.usp.client.config.ClientConfig;
import io.usp.client.config.ClientConfigLoader;
import io.usp.client.enroll.EnrollExchange;
import io.usp.protocol.Protocol;
import io.usp.protocol.enroll.EnrollmentToken;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.Pem;
import io.usp.protocol.tls.EnrollTls;
import io.usp.protocol.tls.PinnedCaTrust;
import io.usp.protocol.tls.TlsContexts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * From "added through the API" to "tunnel up" with one command: enrollment through the tunnel
 * port, single-use and expiring tokens, the CA pin, and typed refusals.
 */
class EnrollTest extends WithTargets {

    static final String PASSWORD = "enroll-test-password";

    /** What one run of {@code usp-client enroll} printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    static Run enroll(String token, Path into) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = ClientMain.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("enroll", "--token", token, "--dir", into.toString());
        return new Run(code, out.toString(), err.toString());
    }

    /** Adds a client through the REST API and returns its token. */
    static String addClient(AdminApi api, String name) throws Exception {
        JsonNode added = api.expect(201, "POST", "/api/v1/clients", "{\"name\": \"" + name + "\"}");
        assertThat(added.get("name").asText()).isEqualTo(name);
        return added.get("token").asText();
    }

    /** Puts an allow rule for 127.0.0.1 into an enrolled client.yaml, as its operator would. */
    static void allowLoopback(Path clientYaml) throws Exception {
        String yaml = Files.readString(clientYaml);
        Files.writeString(clientYaml, yaml.replace("allow: []",
                "allow:\n  - cidrs: [127.0.0.1/32]\n    ports: [\"1-65535\"]"));
    }

    @Test
    void aClientAddedThroughTheApiEnrollsWithOneCommandAndCarriesAPartner() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir)) {
            world.startServer(List.of(World.tunnelled("echo", "agent-new", echo)));
            AdminApi api = new AdminApi(world.startAdmin(PASSWORD).url(), "admin", PASSWORD);
            String token = addClient(api, "agent-new");
            JsonNode waiting = api.expect(200, "GET", "/api/v1/clients", null).get(0);
            assertThat(waiting.get("enrollmentTokenExpiresAt").asText()).isNotEmpty();

            Path clientDir = dir.resolve("agent-home");
            Run run = enroll(token, clientDir);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("Enrolled as client 'agent-new'", "EMPTY", "allow:");
            assertThat(run.out()).doesNotContain(token);
            Path key = clientDir.resolve("agent-new.key");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(Pem.readCertificate(clientDir.resolve("ca.crt")))
                    .isEqualTo(CertificateAuthority.loadOrCreate(dir.resolve("server-data")).certificate());
            var cert = Pem.readCertificate(clientDir.resolve("agent-new.crt"));
            assertThat(TlsContexts.commonName(cert)).isEqualTo("agent-new");
            assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                    .isBetween(Duration.ofDays(30), Duration.ofDays(31));
            assertThat(api.expect(200, "GET", "/api/v1/audit?limit=5", null).toString())
                    .contains("\"actor\":\"enrollment\"", "\"action\":\"enroll\"");

            // as written: the client runs, but its empty allow-list refuses every stream
            ClientConfig asWritten = ClientConfigLoader.load(clientDir.resolve("client.yaml"));
            assertThat(asWritten.allow().rules()).isEmpty();
            try (var client = io.usp.client.UspClient.start(asWritten, Clock.systemUTC())) {
                world.awaitTunnels("agent-new", 2);
                try (Socket partner = Partner.connect(world.port("echo"))) {
                    partner.getOutputStream().write(1);
                    assertThat(Partner.closedByServer(partner)).as("not-allowed: nothing reaches the target").isTrue();
                }
                Await.until(() -> world.stats("echo").refused(io.usp.server.dispatch.Refusal.NOT_ALLOWED) == 1,
                        "the refusal is counted as not-allowed");
            }
            world.awaitTunnels("agent-new", 0);

            allowLoopback(clientDir.resolve("client.yaml"));
            world.startClient(ClientConfigLoader.load(clientDir.resolve("client.yaml")));
            world.awaitTunnels("agent-new", 2);
            byte[] data = Partner.random(1 << 20, 5);
            try (Socket partner = Partner.connect(world.port("echo"))) {
                assertThat(Partner.sha256(Partner.roundTrip(partner, data))).isEqualTo(Partner.sha256(data));
            }
        }
    }

    @Test
    void aTokenEnrollsOnceAndExpires() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (World world = new World(dir)) {
            world.startServer(List.of(), clock, io.usp.server.config.ServerConfig.DEFAULT_MAX_CONNECTIONS);
            AdminApi api = new AdminApi(world.startAdmin(PASSWORD).url(), "admin", PASSWORD);
            String once = addClient(api, "agent-once");
            String late = addClient(api, "agent-late");

            assertThat(enroll(once, dir.resolve("first")).exitCode()).isZero();
            Run again = enroll(once, dir.resolve("second"));
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("token-used");
            assertThat(dir.resolve("second/client.yaml")).doesNotExist();

            clock.advance(Duration.ofHours(24).plusSeconds(1));
            Run expired = enroll(late, dir.resolve("late"));
            assertThat(expired.exitCode()).isEqualTo(1);
            assertThat(expired.err()).contains("token-expired");

            Run damaged = enroll("usp1.not-a-token", dir.resolve("damaged"));
            assertThat(damaged.exitCode()).isEqualTo(2);
            assertThat(damaged.err()).contains("--token", "damaged");
        }
    }

    @Test
    void aClientPinnedToAnotherCaSendsNothingAndTheTokenStaysGood() throws Exception {
        try (World world = new World(dir)) {
            world.startServer(List.of());
            AdminApi api = new AdminApi(world.startAdmin(PASSWORD).url(), "admin", PASSWORD);
            String token = addClient(api, "agent-pin");
            EnrollmentToken real = EnrollmentToken.parse(token);
            String otherCa = CertificateAuthority.loadOrCreate(dir.resolve("impostor")).fingerprint();
            String pinnedElsewhere = new EnrollmentToken(real.host(), real.port(), otherCa, real.secret()).encode();
            LogLines served = new LogLines("io.usp.server.enroll.EnrollHandler");
            try {
                Run refused = enroll(pinnedElsewhere, dir.resolve("pinned-elsewhere"));

                assertThat(refused.exitCode()).isEqualTo(1);
                assertThat(refused.err()).contains("no CA with the token's fingerprint");
                assertThat(dir.resolve("pinned-elsewhere")).doesNotExist();
                assertThat(served.lines()).as("the server never got a request").isEmpty();
                Run good = enroll(token, dir.resolve("good"));
                assertThat(good.exitCode()).as("the secret was never sent, so never spent: " + good.err()).isZero();
            } finally {
                served.close();
            }
        }
    }

    @Test
    void badRequestsGetTypedJsonRefusals() throws Exception {
        try (World world = new World(dir)) {
            world.startServer(List.of());
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(dir.resolve("server-data"));
            int port = world.server().tunnelPort();

            assertThat(refusal(ca, port, Protocol.ENROLL_PATH, "{\"token\": \"x\"")).isEqualTo("400 bad-request");
            assertThat(refusal(ca, port, Protocol.ENROLL_PATH, "{\"token\": \"" + "A".repeat(43)
                    + "\", \"csr\": \"junk\"}")).isEqualTo("400 bad-csr");
            String csr = io.usp.protocol.pki.CertificateRequests.create("x",
                    io.usp.protocol.pki.CertificateRequests.newKeyPair());
            assertThat(refusal(ca, port, Protocol.ENROLL_PATH, io.usp.protocol.enroll.EnrollJson.MAPPER
                    .writeValueAsString(new io.usp.protocol.enroll.EnrollMessages.EnrollRequest("A".repeat(43), csr))))
                    .isEqualTo("403 token-unknown");
            assertThat(refusal(ca, port, Protocol.RENEW_PATH, "{\"csr\": \"x\"}"))
                    .isEqualTo("401 certificate-required");
            assertThat(refusal(ca, port, "/admin", "{}")).isEqualTo("404 not-found");
            assertThat(refusal(ca, port, Protocol.ENROLL_PATH, "{\"csr\": \"" + "x".repeat(20_000) + "\"}"))
                    .isEqualTo("413 too-large");
        }
    }

    private static String refusal(CertificateAuthority ca, int port, String path, String json) throws Exception {
        var answer = EnrollExchange.post(EnrollTls.pinned(new PinnedCaTrust(ca.fingerprint())), "127.0.0.1", port,
                path, json.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
        JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
        assertThat(body.get("message").asText()).isNotEmpty();
        return answer.status() + " " + body.get("error").asText();
    }
}
