package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.admin.AdminTestServer;
import io.usp.deployments.Deployment;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.Target;
import io.usp.deployments.yaml.DeploymentsFile;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code PATCH /api/v1/deployments/{name}}: a JSON merge patch of the stored entry, then exactly a PUT of it. */
class DeploymentPatchApiTest extends WithApi {

    private static final String SSH = """
            {"name": "ssh", "listener": {"bind": "127.0.0.1", "port": 10022},
             "ipFilter": {"block": ["203.0.113.0/24"], "allow": ["198.51.100.0/24"], "defaultAction": "block"},
             "limits": {"maxConnections": 100, "maxConnectionsPerIp": 10},
             "target": {"host": "127.0.0.1", "port": 22}, "client": "agent-a", "idleTimeout": "15m"}""";

    private static final String SSH_PATH = "/api/v1/deployments/ssh";

    @BeforeEach
    void createSsh() {
        assertThat(admin.api("POST", "/api/v1/deployments", token, SSH).statusCode()).isEqualTo(201);
    }

    @Test
    void onePatchedFieldChangesTheRestIsKeptAndTheServerIsTold() {
        JsonNode before = get("ssh");
        int changes = admin.running.changes();

        HttpResponse<String> patched = patch(SSH_PATH, "{\"listener\": {\"port\": 10023}}");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        ObjectNode expected = before.deepCopy();
        expected.withObjectProperty("listener").put("port", 10023);
        expected.withObjectProperty("status").put("port", 10023);
        assertThat(get("ssh")).isEqualTo(expected).isEqualTo(AdminTestServer.json(patched));
        assertThat(admin.running.changes()).as("applied like a PUT").isEqualTo(changes + 1);
        JsonNode audit = AdminTestServer.json(admin.api("GET", "/api/v1/audit?limit=1", token, null)).get(0);
        assertThat(audit.get("action").asText()).isEqualTo("update");
        assertThat(audit.at("/before/listener/port").asInt()).isEqualTo(10022);
        assertThat(audit.at("/after/listener/port").asInt()).isEqualTo(10023);
    }

    @Test
    void nullRemovesAMemberBackToItsDefault() {
        HttpResponse<String> patched = patch(SSH_PATH, """
                {"limits": null, "client": null, "idleTimeout": null, "listener": {"bind": null}}""");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode after = get("ssh");
        assertThat(after.has("limits")).isFalse();
        assertThat(after.has("client")).isFalse();
        assertThat(after.get("idleTimeout").asText()).isEqualTo("1h");
        assertThat(after.get("listener")).isEqualTo(json("{\"bind\": \"0.0.0.0\", \"port\": 10022}"));
        assertThat(after.get("target")).isEqualTo(json("{\"host\": \"127.0.0.1\", \"port\": 22}"));
    }

    @Test
    void nestedObjectsMergeAndListsAreReplaced() {
        HttpResponse<String> patched = patch(SSH_PATH, """
                {"ipFilter": {"allow": ["192.0.2.0/24", "198.18.0.0/15"]}, "limits": {"maxConnections": 5}}""");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode after = get("ssh");
        assertThat(after.get("ipFilter")).isEqualTo(json("""
                {"block": ["203.0.113.0/24"], "allow": ["192.0.2.0/24", "198.18.0.0/15"], "defaultAction": "block"}"""));
        assertThat(after.get("limits")).isEqualTo(json("{\"maxConnections\": 5, \"maxConnectionsPerIp\": 10}"));
    }

    @Test
    void aPatchThatBreaksTheEntryGetsThePutsErrorAndChangesNothing() {
        JsonNode before = get("ssh");
        int changes = admin.running.changes();
        int audited = AdminTestServer.json(admin.api("GET", "/api/v1/audit", token, null)).size();
        Map<String, String> patchAndPut = new LinkedHashMap<>();
        patchAndPut.put("{\"listener\": {\"port\": 99999}}", SSH.replace("10022", "99999"));
        patchAndPut.put("{\"target\": null}", SSH.replace("\"target\": {\"host\": \"127.0.0.1\", \"port\": 22}, ", ""));
        patchAndPut.put("{\"ipFilter\": {\"defaultAction\": \"maybe\"}}", SSH.replace("\"block\"}", "\"maybe\"}"));
        patchAndPut.put("{\"name\": \"ssh2\"}", SSH.replace("\"ssh\"", "\"ssh2\""));

        assertRefusedAsByPut(SSH_PATH, patchAndPut);

        assertThat(AdminTestServer.json(patch(SSH_PATH, "{\"target\": null}")).get("error").asText())
                .isEqualTo("field 'target': is required");
        assertThat(AdminTestServer.json(patch(SSH_PATH, "{\"name\": \"ssh2\"}")).get("field").asText())
                .isEqualTo("name");
        assertThat(get("ssh")).isEqualTo(before);
        assertThat(admin.api("GET", "/api/v1/deployments/ssh2", token, null).statusCode()).isEqualTo(404);
        assertThat(admin.running.changes()).isEqualTo(changes);
        assertThat(AdminTestServer.json(admin.api("GET", "/api/v1/audit", token, null)).size()).isEqualTo(audited);
    }

    @Test
    void unknownAndAnswerOnlyFieldsAreRefusedAsInAPut() {
        JsonNode before = get("ssh");
        Map<String, String> refused = Map.of("{\"listner\": {\"port\": 1}}", "listner",
                "{\"listener\": {\"prot\": 1}}", "listener.prot",
                "{\"status\": {\"state\": \"stopped\"}}", "status",
                "{\"managedBy\": \"server.yaml\"}", "managedBy");

        refused.forEach((patch, field) -> {
            HttpResponse<String> response = patch(SSH_PATH, patch);
            assertThat(response.statusCode()).as(patch).isEqualTo(400);
            JsonNode error = AdminTestServer.json(response);
            assertThat(error.get("field").asText()).isEqualTo(field);
            assertThat(error.get("error").asText()).startsWith("field '" + field + "': unknown key");
        });
        assertThat(get("ssh")).isEqualTo(before);
    }

    @Test
    void anUnknownDeploymentIs404() {
        HttpResponse<String> missing = patch("/api/v1/deployments/ghost", "{\"enabled\": false}");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(AdminTestServer.json(missing).get("error").asText()).isEqualTo("no deployment 'ghost'");
    }

    @Test
    void aMergePatchOrPlainJsonIsTakenAnyOtherTypeIs415() {
        String[] refusedTypes = {"text/plain", "application/json-patch+json", "application/x-www-form-urlencoded", null};
        for (String type : refusedTypes) {
            HttpResponse<String> refused = admin.api("PATCH", SSH_PATH, token,
                    "{\"enabled\": false}", type);
            assertThat(refused.statusCode()).as(type).isEqualTo(415);
            assertThat(refused.headers().firstValue("Accept-Patch"))
                    .hasValue("application/merge-patch+json, application/json");
            assertThat(AdminTestServer.json(refused).get("error").asText()).as(type)
                    .startsWith("PATCH takes a JSON merge patch (Content-Type: application/merge-patch+json");
        }
        assertThat(get("ssh").get("enabled").asBoolean()).isTrue();

        assertThat(admin.api("PATCH", SSH_PATH, token, "{\"enabled\": false}",
                "Application/Merge-Patch+JSON; charset=utf-8").statusCode()).isEqualTo(200);
        assertThat(get("ssh").get("enabled").asBoolean()).isFalse();
        assertThat(admin.api("PATCH", SSH_PATH, token, "{\"enabled\": true}").statusCode())
                .as("plain application/json").isEqualTo(200);
        assertThat(get("ssh").get("enabled").asBoolean()).isTrue();
    }

    @Test
    void aPatchNeedsABearerTokenAsAPutDoesAndASessionCookieIsNotOne() {
        String session = admin.login();
        String csrf = admin.csrf(session);
        for (String method : new String[] {"PUT", "PATCH"}) {
            assertThat(admin.api(method, "/api/v1/deployments/ssh", null, SSH).statusCode()).as(method).isEqualTo(401);
            assertThat(admin.api(method, "/api/v1/deployments/ssh", "not-a-token", SSH).statusCode()).as(method)
                    .isEqualTo(401);
            HttpResponse<String> withCookie = admin.send(HttpRequest.newBuilder(admin.uri("/api/v1/deployments/ssh"))
                    .method(method, HttpRequest.BodyPublishers.ofString(SSH)).header("Content-Type", "application/json")
                    .header("Cookie", "usp_session=" + session).header("X-CSRF-Token", csrf));
            assertThat(withCookie.statusCode()).as(method + " with a session cookie").isEqualTo(401);
        }
    }

    @Test
    void aDeploymentManagedByServerYamlTakesAPatchAsItTakesAPut() {
        Deployment web = new Deployment("web", new Listener("127.0.0.1", 10080), IpFilter.ALLOW_ALL, Limits.NONE,
                new Target("127.0.0.1", 80), Optional.empty(), Deployment.DEFAULT_IDLE_TIMEOUT);
        admin.database.deployments().upsert(new DeploymentsFile(List.of(), List.of(web)), true, "server.yaml");
        ObjectNode put = (ObjectNode) get("web");
        put.remove(List.of("status", "managedBy"));

        HttpResponse<String> byPut = admin.api("PUT", "/api/v1/deployments/web", token,
                put.put("startMode", "manual").toString());
        HttpResponse<String> byPatch = patch("/api/v1/deployments/web", "{\"enabled\": false}");

        assertThat(byPut.statusCode()).as(byPut.body()).isEqualTo(200);
        assertThat(byPatch.statusCode()).as(byPatch.body()).isEqualTo(200);
        JsonNode after = get("web");
        assertThat(after.get("managedBy").asText()).as("kept until the next start, as a PUT keeps it")
                .isEqualTo("server.yaml");
        assertThat(after.get("startMode").asText()).isEqualTo("manual");
        assertThat(after.get("enabled").asBoolean()).isFalse();
    }


    private JsonNode get(String name) {
        HttpResponse<String> response = admin.api("GET", "/api/v1/deployments/" + name, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AdminTestServer.json(response);
    }

    private static JsonNode json(String text) {
        return AdminTestServer.json(text);
    }
}
