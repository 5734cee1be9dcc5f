package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.admin.AdminTestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/deployments/{name}/test}: what a collection's rules decide for one destination. */
class DestinationTestApiTest extends WithApi {

    private static final String BUILD = """
            {"name": "build", "mode": "connect", "listener": {"bind": "127.0.0.1", "port": 13128}, "client": "agent-a",
             "rules": [
               {"action": "block", "hosts": ["*.secret.build.internal"]},
               {"action": "tunnel", "hosts": ["*.build.internal", "re:^db[0-9]+\\\\.internal$"], "ports": [22, "5901-5999"]},
               {"action": "direct", "hosts": ["status.example.com"], "ports": [443]},
               {"action": "tunnel", "client": "agent-b", "cidrs": ["10.20.0.0/16"], "ports": [443]}],
             "dnsOverrides": {"legacy.build.internal": "10.20.1.7"}}""";

    @BeforeEach
    void createCollection() {
        HttpResponse<String> created = admin.api("POST", "/api/v1/deployments", token, BUILD);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aTunnelRuleDecides() {
        assertThat(test("build", "ci.build.internal:22")).isEqualTo(AdminTestServer.json("""
                {"rule": 2, "action": "tunnel", "client": "agent-a", "destination": "ci.build.internal:22",
                 "requiredCidrs": [], "allowed": true,
                 "why": "rule 2 (tunnel via agent-a): host ci.build.internal matches *.build.internal, port 22 in 22"}"""));
    }

    @Test
    void aDnsOverrideChangesTheDestinationNotTheRule() {
        JsonNode answer = test("build", "Legacy.Build.Internal:5901");

        assertThat(answer.get("rule").asInt()).isEqualTo(2);
        assertThat(answer.get("destination").asText()).isEqualTo("10.20.1.7:5901");
        assertThat(answer.get("why").asText()).endsWith("; DNS override to 10.20.1.7:5901");
    }

    @Test
    void aNameUnderACidrRuleMustResolveIntoItWhereItIsConnected() {
        JsonNode answer = test("build", "api.internal:443");

        assertThat(answer.get("rule").asInt()).isEqualTo(4);
        assertThat(answer.get("client").asText()).isEqualTo("agent-b");
        assertThat(answer.get("requiredCidrs")).isEqualTo(AdminTestServer.json("[\"10.20.0.0/16\"]"));
        assertThat(answer.get("allowed").asBoolean()).isTrue();

        JsonNode address = test("build", "10.20.4.4:443");
        assertThat(address.get("rule").asInt()).isEqualTo(4);
        assertThat(address.get("requiredCidrs")).as("an address is checked at once").isEmpty();
        assertThat(test("build", "10.30.4.4:443").get("rule").asInt()).as("outside the CIDR").isZero();
    }

    @Test
    void aDirectRuleHasNoClient() {
        JsonNode answer = test("build", "status.example.com:443");

        assertThat(answer.get("rule").asInt()).isEqualTo(3);
        assertThat(answer.get("action").asText()).isEqualTo("direct");
        assertThat(answer.get("client").isNull()).isTrue();
    }

    @Test
    void noRuleIsRuleZeroWithoutAnAction() {
        assertThat(test("build", "db7.internal:5432")).isEqualTo(AdminTestServer.json("""
                {"rule": 0, "action": null, "client": null, "destination": "db7.internal:5432", "requiredCidrs": [],
                 "allowed": false, "why": "no rule matches db7.internal:5432: refused"}"""));
    }

    @Test
    void aBlockRuleMatchesAndRefuses() {
        JsonNode answer = test("build", "vault.secret.build.internal:22");

        assertThat(answer.get("rule").asInt()).isEqualTo(1);
        assertThat(answer.get("action").asText()).isEqualTo("block");
        assertThat(answer.get("client").isNull()).isTrue();
        assertThat(answer.get("allowed").asBoolean()).isFalse();
        assertThat(answer.get("why").asText()).startsWith("rule 1 (block): host vault.secret.build.internal matches");
    }

    @Test
    void theAnswerFollowsTheStoredRulesAtOnce() {
        assertThat(test("build", "db7.internal:5432").get("rule").asInt()).isZero();

        HttpResponse<String> patched = patch("/api/v1/deployments/build",
                "{\"rules\": [{\"action\": \"direct\", \"ports\": [5432]}]}");
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);

        assertThat(test("build", "db7.internal:5432").get("rule").asInt()).isEqualTo(1);
    }

    @Test
    void aMalformedDestinationIsA400NamingIt() {
        for (String bad : new String[] {"db7.internal", "db7.internal:ssh", "db7.internal:70000", ":22", "a b:22"}) {
            HttpResponse<String> response = post("build", "{\"destination\": \"" + bad + "\"}");
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            JsonNode error = AdminTestServer.json(response);
            assertThat(error.get("field").asText()).as(bad).isEqualTo("destination");
            assertThat(error.get("error").asText()).as(bad).startsWith("field 'destination': ").contains("host:port");
        }
        assertThat(AdminTestServer.json(post("build", "{}")).get("field").asText()).isEqualTo("destination");
        HttpResponse<String> unknown = post("build", "{\"destination\": \"a:1\", \"address\": \"x\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(unknown).get("field").asText()).isEqualTo("address");
    }

    @Test
    void aTcpDeploymentIsAConflict() {
        assertThat(admin.api("POST", "/api/v1/deployments", token, """
                {"name": "ssh", "listener": {"bind": "127.0.0.1", "port": 10022},
                 "target": {"host": "127.0.0.1", "port": 22}}""").statusCode()).isEqualTo(201);

        HttpResponse<String> response = post("ssh", "{\"destination\": \"db7.internal:5432\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(AdminTestServer.json(response).get("error").asText())
                .isEqualTo("deployment 'ssh' is mode tcp: it has one fixed target (127.0.0.1:22)");
    }

    @Test
    void anUnknownDeploymentIsA404() {
        HttpResponse<String> response = post("ghost", "{\"destination\": \"db7.internal:5432\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(AdminTestServer.json(response).get("error").asText()).isEqualTo("no deployment 'ghost'");
    }

    private HttpResponse<String> post(String deployment, String body) {
        return admin.api("POST", "/api/v1/deployments/" + deployment + "/test", token, body);
    }

    private JsonNode test(String deployment, String destination) {
        HttpResponse<String> response = post(deployment, "{\"destination\": \"" + destination + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AdminTestServer.json(response);
    }
}
