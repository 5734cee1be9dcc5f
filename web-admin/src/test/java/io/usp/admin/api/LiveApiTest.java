package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.admin.AdminTestServer;
import io.usp.admin.FakeRunningServer;
import io.usp.admin.live.RunningServer.ConnectedClient;
import io.usp.admin.live.RunningServer.TunnelConnectionInfo;
import io.usp.deployments.store.ClientStore.ClientRecord;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens, live state, connections, metrics and health through real HTTP. */
class LiveApiTest {

    private AdminTestServer admin;

    @BeforeEach
    void start() {
        admin = new AdminTestServer();
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        HttpResponse<String> wrong = admin.api("POST", "/api/v1/auth/token", null,
                "{\"username\":\"admin\",\"password\":\"nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(AdminTestServer.json(wrong).get("error").asText()).isEqualTo("wrong username or password");
        HttpResponse<String> unknown = admin.api("POST", "/api/v1/auth/token", null,
                "{\"username\":\"root\",\"password\":\"nope\"}");
        assertThat(AdminTestServer.json(unknown).get("error").asText()).isEqualTo("wrong username or password");
        HttpResponse<String> missing = admin.api("POST", "/api/v1/auth/token", null, "{\"username\":\"admin\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(missing).get("field").asText()).isEqualTo("password");
    }

    @Test
    void aTokenExpiresAfterADay() {
        HttpResponse<String> issued = admin.api("POST", "/api/v1/auth/token", null,
                "{\"username\":\"admin\",\"password\":\"" + AdminTestServer.PASSWORD + "\"}");
        JsonNode body = AdminTestServer.json(issued);
        assertThat(Instant.parse(body.get("expiresAt").asText())).isEqualTo(admin.clock.instant().plusSeconds(86_400));
        String token = body.get("token").asText();
        assertThat(admin.api("GET", "/api/v1/status", token, null).statusCode()).isEqualTo(200);
        admin.clock.advance(java.time.Duration.ofHours(24).plusSeconds(1));
        assertThat(admin.api("GET", "/api/v1/status", token, null).statusCode()).isEqualTo(401);
    }

    @Test
    void metricsNeedATokenAndSpeakPrometheus() {
        admin.context.metrics().counter("usp_test_total").increment();
        HttpResponse<String> anonymous = admin.request("GET", "/metrics");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        HttpResponse<String> scraped = admin.api("GET", "/metrics", admin.token(), null);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
        assertThat(scraped.body()).contains("usp_test_total 1.0");
    }

    @Test
    void connectionsCanBeListedAndClosed() {
        String token = admin.token();
        admin.running.open(FakeRunningServer.connection(41, "ssh"));
        JsonNode open = AdminTestServer.json(admin.api("GET", "/api/v1/connections", token, null));
        assertThat(open.get(0).get("id").asLong()).isEqualTo(41);
        assertThat(open.get(0).get("partner").asText()).isEqualTo("198.51.100.7:40000");

        assertThat(admin.api("DELETE", "/api/v1/connections/41", token, null).statusCode()).isEqualTo(204);
        assertThat(admin.api("DELETE", "/api/v1/connections/41", token, null).statusCode()).isEqualTo(404);
        assertThat(admin.api("DELETE", "/api/v1/connections/abc", token, null).statusCode()).isEqualTo(400);
        JsonNode audit = AdminTestServer.json(admin.api("GET", "/api/v1/audit", token, null));
        assertThat(audit.findValuesAsText("subjectKind")).contains("connection");
    }

    @Test
    void clientsJoinTheStoreWithWhoIsConnected() {
        String token = admin.token();
        Instant seen = Instant.parse("2026-02-01T00:00:00Z");
        admin.context.clients().seen(new ClientRecord("agent-a", seen, seen, "192.0.2.1:5000", Optional.of("0a"),
                Optional.of(Instant.parse("2027-02-01T00:00:00Z"))));
        admin.context.clients().seen(new ClientRecord("agent-b", seen, seen, "192.0.2.2:5000", Optional.empty(),
                Optional.empty()));
        admin.running.connect(new ConnectedClient("agent-a",
                List.of(new TunnelConnectionInfo("192.0.2.1:5000", seen, 3))));

        JsonNode clients = AdminTestServer.json(admin.api("GET", "/api/v1/clients", token, null));
        assertThat(clients.findValuesAsText("name")).containsExactly("agent-a", "agent-b");
        assertThat(clients.get(0).get("connected").asBoolean()).isTrue();
        assertThat(clients.get(0).at("/tunnelConnections/0/openStreams").asInt()).isEqualTo(3);
        assertThat(clients.get(0).get("certNotAfter").asText()).isEqualTo("2027-02-01T00:00:00Z");
        assertThat(clients.get(1).get("connected").asBoolean()).isFalse();

        JsonNode status = AdminTestServer.json(admin.api("GET", "/api/v1/status", token, null));
        assertThat(status.get("clientsConnected").asInt()).isEqualTo(1);
        assertThat(status.at("/refusedByReason/ip-filter").asLong()).isEqualTo(2);
    }
}
