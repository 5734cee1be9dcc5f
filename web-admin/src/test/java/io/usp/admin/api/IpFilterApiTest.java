package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.admin.AdminTestServer;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Named IP filters through real HTTP, with the "test an address" endpoint and PATCH (a JSON merge
 * patch of the stored filter, then exactly a PUT of it).
 */
class IpFilterApiTest extends WithApi {

    private static final String PARTNERS = """
            {"name": "partners", "block": ["198.51.100.66"], "allow": ["198.51.100.0/24"], "defaultAction": "block"}""";

    private static final String PARTNERS_PATH = "/api/v1/ip-filters/partners";

    @BeforeEach
    void start() {
        assertThat(admin.api("POST", "/api/v1/ip-filters", token, PARTNERS).statusCode()).isEqualTo(201);
    }

    @Test
    void testAnAddress() {
        assertThat(decide("198.51.100.7")).isEqualTo("allow");
        assertThat(decide("198.51.100.66")).isEqualTo("block");
        assertThat(decide("203.0.113.1")).isEqualTo("block");
        JsonNode answer = AdminTestServer.json(admin.api("POST", "/api/v1/ip-filters/partners/test", token,
                "{\"address\": \"198.51.100.66\"}"));
        assertThat(answer.get("reason").asText()).contains("block rule");
    }

    @Test
    void aBadAddressIsA400() {
        for (String bad : new String[] {"not-an-address", "198.51.100.0/24", "example.com"}) {
            HttpResponse<String> response = admin.api("POST", "/api/v1/ip-filters/partners/test", token,
                    "{\"address\": \"" + bad + "\"}");
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(AdminTestServer.json(response).get("field").asText()).isEqualTo("address");
            assertThat(AdminTestServer.json(response).get("error").asText()).startsWith("field 'address': ");
        }
    }

    @Test
    void usedByListsTheDeploymentsAndBlocksDelete() {
        String ssh = """
                {"name": "ssh", "listener": {"bind": "127.0.0.1", "port": 10022}, "ipFilter": "partners",
                 "target": {"host": "127.0.0.1", "port": 22}}""";
        assertThat(admin.api("POST", "/api/v1/deployments", token, ssh).statusCode()).isEqualTo(201);

        JsonNode filter = AdminTestServer.json(admin.api("GET", "/api/v1/ip-filters/partners", token, null));
        assertThat(filter.get("usedBy").get(0).asText()).isEqualTo("ssh");
        assertThat(admin.api("DELETE", "/api/v1/ip-filters/partners", token, null).statusCode()).isEqualTo(409);

        assertThat(admin.api("DELETE", "/api/v1/deployments/ssh", token, null).statusCode()).isEqualTo(204);
        assertThat(admin.api("DELETE", "/api/v1/ip-filters/partners", token, null).statusCode()).isEqualTo(204);
        assertThat(admin.api("GET", "/api/v1/ip-filters/partners", token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void updateAndDuplicate() {
        String allowAll = PARTNERS.replace("\"defaultAction\": \"block\"", "\"defaultAction\": \"allow\"");
        assertThat(admin.api("PUT", "/api/v1/ip-filters/partners", token, allowAll).statusCode()).isEqualTo(200);
        assertThat(decide("203.0.113.1")).isEqualTo("allow");
        assertThat(admin.api("POST", "/api/v1/ip-filters", token, PARTNERS).statusCode()).isEqualTo(409);
        HttpResponse<String> bad = admin.api("POST", "/api/v1/ip-filters", token,
                PARTNERS.replace("partners", "other").replace("198.51.100.0/24", "198.51.100.0/33"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(AdminTestServer.json(bad).get("field").asText()).isEqualTo("allow[0]");
        assertThat(AdminTestServer.json(bad).get("error").asText())
                .isEqualTo("field 'allow[0]': '198.51.100.0/33' has prefix length 33, more than 32");
        assertThat(admin.api("GET", "/api/v1/ip-filters", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void aPatchChangesOnlyWhatItNamesAndTheServerIsTold() {
        int changes = admin.running.changes();

        HttpResponse<String> patched = patch(PARTNERS_PATH, "{\"defaultAction\": \"allow\"}");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(get()).isEqualTo(AdminTestServer.json(patched)).isEqualTo(AdminTestServer.json("""
                {"name": "partners", "block": ["198.51.100.66/32"], "allow": ["198.51.100.0/24"],
                 "defaultAction": "allow", "usedBy": []}"""));
        assertThat(decide("203.0.113.1")).isEqualTo("allow");
        assertThat(decide("198.51.100.66")).isEqualTo("block");
        assertThat(admin.running.changes()).as("applied like a PUT").isEqualTo(changes + 1);
        JsonNode audit = AdminTestServer.json(admin.api("GET", "/api/v1/audit?limit=1", token, null)).get(0);
        assertThat(audit.get("subjectKind").asText() + " " + audit.get("action").asText()).isEqualTo("ip-filter update");
    }

    @Test
    void aPatchedNullRemovesAListAndAPatchedListReplacesTheWholeList() {
        HttpResponse<String> patched = patch(PARTNERS_PATH, "{\"block\": null, \"allow\": [\"192.0.2.0/24\"]}");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        JsonNode after = get();
        assertThat(after.get("block")).isEqualTo(AdminTestServer.json("[]"));
        assertThat(after.get("allow")).isEqualTo(AdminTestServer.json("[\"192.0.2.0/24\"]"));
        assertThat(decide("198.51.100.66")).isEqualTo("block");
        assertThat(decide("192.0.2.9")).isEqualTo("allow");
    }

    @Test
    void aPatchThatBreaksTheFilterGetsThePutsErrorAndChangesNothing() {
        JsonNode before = get();
        int changes = admin.running.changes();
        Map<String, String> patchAndPut = new LinkedHashMap<>();
        patchAndPut.put("{\"allow\": [\"198.51.100.0/33\"]}", PARTNERS.replace("/24", "/33"));
        patchAndPut.put("{\"defaultAction\": \"sometimes\"}", PARTNERS.replace("\"block\"}", "\"sometimes\"}"));
        patchAndPut.put("{\"name\": \"others\"}", PARTNERS.replace("\"partners\"", "\"others\""));
        patchAndPut.put("{\"usedBy\": []}", PARTNERS.replace("}", ", \"usedBy\": []}"));

        assertRefusedAsByPut(PARTNERS_PATH, patchAndPut);

        HttpResponse<String> badAllow = patch(PARTNERS_PATH, "{\"allow\": [\"198.51.100.0/33\"]}");
        assertThat(AdminTestServer.json(badAllow).get("error").asText())
                .isEqualTo("field 'allow[0]': '198.51.100.0/33' has prefix length 33, more than 32");
        assertThat(get()).isEqualTo(before);
        assertThat(admin.running.changes()).isEqualTo(changes);
    }

    @Test
    void aPatchOfAnUnknownFilterIs404AndOfAnotherTypeIs415() {
        HttpResponse<String> missing = patch("/api/v1/ip-filters/ghost", "{\"defaultAction\": \"allow\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(AdminTestServer.json(missing).get("error").asText()).isEqualTo("no ip filter 'ghost'");

        HttpResponse<String> text = admin.api("PATCH", PARTNERS_PATH, token,
                "{\"defaultAction\": \"allow\"}", "text/plain");
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.headers().firstValue("Accept-Patch")).hasValue("application/merge-patch+json, application/json");
        assertThat(get().get("defaultAction").asText()).isEqualTo("block");
    }


    private JsonNode get() {
        HttpResponse<String> response = admin.api("GET", PARTNERS_PATH, token, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AdminTestServer.json(response);
    }

    private String decide(String address) {
        HttpResponse<String> response = admin.api("POST", "/api/v1/ip-filters/partners/test", token,
                "{\"address\": \"" + address + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return AdminTestServer.json(response).get("action").asText();
    }
}
