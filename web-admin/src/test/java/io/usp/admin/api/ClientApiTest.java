package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.admin.AdminTestServer;
import io.usp.admin.FakeRunningServer;
import io.usp.admin.live.RunningServer.ConnectedClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adding a client gives its token once; revoking needs a known client; the list shows both. */
class ClientApiTest extends WithApi {

    @Test
    void addingAClientAnswersItsTokenAndListsItAsWaiting() {
        HttpResponse<String> created = admin.api("POST", "/api/v1/clients", token, "{\"name\":\"agent-a\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = AdminTestServer.json(created);
        assertThat(body.get("name").asText()).isEqualTo("agent-a");
        assertThat(body.get("token").asText()).isEqualTo("usp1.fake-token-for-agent-a");
        assertThat(body.get("expiresAt").asText()).isEqualTo(FakeRunningServer.TOKEN_EXPIRES.toString());
        JsonNode listed = AdminTestServer.json(admin.api("GET", "/api/v1/clients", token, null)).get(0);
        assertThat(listed.get("name").asText()).isEqualTo("agent-a");
        assertThat(listed.get("enrollmentTokenExpiresAt").asText()).isEqualTo(FakeRunningServer.TOKEN_EXPIRES.toString());
        assertThat(listed.get("connected").asBoolean()).isFalse();
        assertThat(listed.has("token")).as("the token is shown once, never listed").isFalse();
    }

    @Test
    void badBodiesAndNamesAreRefusedWithTheField() {
        HttpResponse<String> noName = admin.api("POST", "/api/v1/clients", token, "{}");
        assertThat(noName.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(noName).get("field").asText()).isEqualTo("name");

        HttpResponse<String> extra = admin.api("POST", "/api/v1/clients", token, "{\"name\":\"a\",\"admin\":true}");
        assertThat(extra.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(extra).get("field").asText()).isEqualTo("admin");

        HttpResponse<String> badName = admin.api("POST", "/api/v1/clients", token, "{\"name\":\"../evil\"}");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(badName).get("field").asText()).isEqualTo("name");
        assertThat(AdminTestServer.json(badName).get("error").asText()).contains("invalid");
    }

    @Test
    void revokingAKnownClientIsListedAndAnUnknownOneIsNotFound() {
        admin.running.connect(new ConnectedClient("agent-b", List.of()));

        HttpResponse<String> unknown = admin.api("POST", "/api/v1/clients/nobody/revoke", token, null);
        HttpResponse<String> revoked = admin.api("POST", "/api/v1/clients/agent-b/revoke", token, null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(AdminTestServer.json(unknown).get("error").asText()).contains("nobody");
        assertThat(revoked.statusCode()).isEqualTo(204);
        JsonNode listed = AdminTestServer.json(admin.api("GET", "/api/v1/clients", token, null)).get(0);
        assertThat(listed.get("name").asText()).isEqualTo("agent-b");
        assertThat(listed.get("revokedAt").asText()).isEqualTo(FakeRunningServer.REVOKED_AT.toString());
        assertThat(listed.get("revokedBy").asText()).isEqualTo("admin");
        assertThat(listed.get("connected").asBoolean()).isFalse();
    }
}
