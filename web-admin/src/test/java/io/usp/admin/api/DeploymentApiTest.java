package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.admin.AdminTestServer;
import io.usp.deployments.yaml.DeploymentsFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The deployments API through real HTTP against a real store. */
class DeploymentApiTest extends WithApi {

    private static final String SSH = """
            {"name": "ssh", "listener": {"bind": "127.0.0.1", "port": 10022},
             "target": {"host": "127.0.0.1", "port": 22}}""";

    @Test
    void anUnknownApiPathIsAJson404AndAMissingDeploymentKeepsItsMessage() {
        HttpResponse<String> unknown = admin.api("GET", "/api/v1/no-such-thing", token, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(AdminTestServer.json(unknown).path("error").asText()).contains("/api/v1/no-such-thing");

        HttpResponse<String> missing = admin.api("GET", "/api/v1/deployments/ghost", token, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(AdminTestServer.json(missing).path("error").asText()).contains("ghost");
    }

    @Test
    void exportIsTheYamlThatImportReadsBack() throws Exception {
        assertThat(admin.api("POST", "/api/v1/deployments", token, SSH).statusCode()).isEqualTo(201);

        HttpResponse<String> exported = admin.api("GET", "/api/v1/export", token, null);

        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/yaml"));
        Path file = Files.createTempFile("export", ".yaml");
        try {
            Files.writeString(file, exported.body());
            assertThat(DeploymentsFile.load(file).deployments())
                    .extracting(d -> d.name() + " " + d.listener().port()).containsExactly("ssh 10022");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void createReadUpdateDelete() {
        HttpResponse<String> created = admin.api("POST", "/api/v1/deployments", token, SSH);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/deployments/ssh");
        JsonNode body = AdminTestServer.json(created);
        assertThat(body.at("/listener/port").asInt()).isEqualTo(10022);
        assertThat(body.at("/status/state").asText()).isEqualTo("running");
        assertThat(admin.running.changes()).isEqualTo(1);

        HttpResponse<String> list = admin.api("GET", "/api/v1/deployments", token, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(AdminTestServer.json(list).findValuesAsText("name")).containsExactly("ssh");

        String changed = SSH.replace("10022", "10023");
        HttpResponse<String> updated = admin.api("PUT", "/api/v1/deployments/ssh", token, changed);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        JsonNode got = AdminTestServer.json(admin.api("GET", "/api/v1/deployments/ssh", token, null));
        assertThat(got.at("/listener/port").asInt()).isEqualTo(10023);
        assertThat(got.has("managedBy")).isFalse();

        assertThat(admin.api("DELETE", "/api/v1/deployments/ssh", token, null).statusCode()).isEqualTo(204);
        assertThat(admin.api("GET", "/api/v1/deployments/ssh", token, null).statusCode()).isEqualTo(404);

        JsonNode audit = AdminTestServer.json(admin.api("GET", "/api/v1/audit?limit=10", token, null));
        assertThat(audit.findValuesAsText("action")).contains("create", "update", "delete");
        assertThat(audit.findValuesAsText("actor")).contains("admin");
    }

    @Test
    void aBadFieldIsA400NamingTheJsonFieldNotAYamlEntry() {
        HttpResponse<String> response = admin.api("POST", "/api/v1/deployments", token, SSH.replace("10022", "99999"));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = AdminTestServer.json(response);
        assertThat(error.get("field").asText()).isEqualTo("listener.port");
        assertThat(error.get("error").asText()).isEqualTo("field 'listener.port': port 99999 is outside 0..65535");

        HttpResponse<String> nameless = admin.api("PUT", "/api/v1/deployments/ssh", token,
                SSH.replace("\"name\": \"ssh\", ", ""));
        assertThat(nameless.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(nameless).get("error").asText()).isEqualTo("field 'name': is required")
                .doesNotContain("deployments[0]");
    }

    @Test
    void anUnknownKeyOrBrokenJsonIsA400() {
        HttpResponse<String> unknown = admin.api("POST", "/api/v1/deployments", token, SSH.replace("\"name\"", "\"nmae\""));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(unknown).get("error").asText()).contains("nmae");

        HttpResponse<String> broken = admin.api("POST", "/api/v1/deployments", token, "{\"name\": ");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(broken).get("error").asText()).startsWith("body is not valid JSON");
    }

    @Test
    void aDuplicateNameOrPortIsA409() {
        assertThat(admin.api("POST", "/api/v1/deployments", token, SSH).statusCode()).isEqualTo(201);

        HttpResponse<String> sameName = admin.api("POST", "/api/v1/deployments", token, SSH.replace("10022", "10099"));
        assertThat(sameName.statusCode()).isEqualTo(409);
        assertThat(AdminTestServer.json(sameName).get("error").asText()).as("a store refusal names its field alike")
                .isEqualTo("field 'name': a deployment named 'ssh' exists already");

        HttpResponse<String> samePort = admin.api("POST", "/api/v1/deployments", token, SSH.replace("\"ssh\"", "\"other\""));
        assertThat(samePort.statusCode()).isEqualTo(409);
        assertThat(AdminTestServer.json(samePort).get("field").asText()).isEqualTo("listener.port");
    }

    @Test
    void missingDeploymentsAre404() {
        assertThat(admin.api("GET", "/api/v1/deployments/nope", token, null).statusCode()).isEqualTo(404);
        assertThat(admin.api("PUT", "/api/v1/deployments/nope", token, SSH.replace("ssh", "nope")).statusCode()).isEqualTo(404);
        assertThat(admin.api("DELETE", "/api/v1/deployments/nope", token, null).statusCode()).isEqualTo(404);
        HttpResponse<String> start = admin.api("POST", "/api/v1/deployments/nope/start", token, null);
        assertThat(start.statusCode()).isEqualTo(404);
        assertThat(AdminTestServer.json(start).get("error").asText()).contains("nope");
    }

    @Test
    void startAndStopFollowTheRunningServer() {
        String manual = SSH.replace("\"target\"", "\"startMode\": \"manual\", \"target\"");
        assertThat(admin.api("POST", "/api/v1/deployments", token, manual).statusCode()).isEqualTo(201);
        assertThat(AdminTestServer.json(admin.api("GET", "/api/v1/deployments/ssh", token, null))
                .at("/status/state").asText()).isEqualTo("stopped");

        HttpResponse<String> started = admin.api("POST", "/api/v1/deployments/ssh/start", token, null);
        assertThat(started.statusCode()).isEqualTo(200);
        assertThat(AdminTestServer.json(started).at("/status/state").asText()).isEqualTo("running");
        assertThat(AdminTestServer.json(started).at("/status/port").asInt()).isEqualTo(10022);

        HttpResponse<String> stopped = admin.api("POST", "/api/v1/deployments/ssh/stop", token, null);
        assertThat(AdminTestServer.json(stopped).at("/status/state").asText()).isEqualTo("stopped");

        JsonNode audit = AdminTestServer.json(admin.api("GET", "/api/v1/audit", token, null));
        assertThat(audit.findValuesAsText("action")).contains("start", "stop");
    }

    @Test
    void aBadLimitIsA400() {
        HttpResponse<String> response = admin.api("GET", "/api/v1/history?limit=abc", token, null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(response).get("field").asText()).isEqualTo("limit");
        assertThat(admin.api("GET", "/api/v1/history?limit=5&deployment=ssh", token, null).statusCode()).isEqualTo(200);
    }
}
