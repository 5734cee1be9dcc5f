package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.admin.AdminTestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A collection's partner credentials through real HTTP: set, replace, list without secrets, remove, refusals. */
class PartnerApiTest extends WithApi {

    private static final String PARTNERS = "/api/v1/deployments/build/partners";
    private static final String ALICE_PASSWORD = "alice's long partner secret";

    @BeforeEach
    void collectionAndTcpDeployment() {
        create("""
                {"name": "build", "mode": "socks5", "listener": {"port": 0},
                 "rules": [{"action": "direct", "hosts": ["*.build.internal"]}]}""");
        create("""
                {"name": "ssh", "listener": {"port": 0}, "target": {"host": "ssh.internal", "port": 22}}""");
    }

    private void create(String json) {
        HttpResponse<String> created = admin.api("POST", "/api/v1/deployments", token, json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private HttpResponse<String> put(String path, String password) {
        return admin.api("PUT", path, token, "{\"password\":\"" + password + "\"}");
    }

    @Test
    void aCredentialIsSetListedReplacedAndRemovedWithoutItsPasswordEverComingBack() {
        int changesBefore = admin.running.changes();
        assertThat(put(PARTNERS + "/alice", ALICE_PASSWORD).statusCode()).isEqualTo(204);
        assertThat(put(PARTNERS + "/bob", "bob's long partner secret").statusCode()).isEqualTo(204);
        assertThat(admin.running.changes()).as("the server re-reads the store").isEqualTo(changesBefore + 2);

        HttpResponse<String> listed = admin.api("GET", PARTNERS, token, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        JsonNode partners = AdminTestServer.json(listed).get("partners");
        assertThat(partners.findValuesAsText("username")).containsExactly("alice", "bob");
        assertThat(partners.get(0).get("created").asText()).isEqualTo(admin.clock.instant().toString());
        assertThat(partners.get(0).size()).as("username and created only").isEqualTo(2);
        String storedHash = admin.database.partners().passwordHash("build", "alice").orElseThrow();
        assertThat(storedHash).startsWith("$argon2id$").doesNotContain(ALICE_PASSWORD);

        assertThat(put(PARTNERS + "/alice", "a brand new partner secret").statusCode()).as("replaced").isEqualTo(204);
        assertThat(admin.database.partners().passwordHash("build", "alice")).get().isNotEqualTo(storedHash);

        assertThat(admin.api("DELETE", PARTNERS + "/alice", token, null).statusCode()).isEqualTo(204);
        assertThat(AdminTestServer.json(admin.api("GET", PARTNERS, token, null)).get("partners")
                .findValuesAsText("username")).containsExactly("bob");
        assertRefused(admin.api("DELETE", PARTNERS + "/alice", token, null), 404, null,
                "no partner credential 'alice' on deployment 'build'");
    }

    @Test
    void everyChangeIsAuditedWithoutThePasswordNorTheHash() {
        put(PARTNERS + "/alice", ALICE_PASSWORD);
        put(PARTNERS + "/alice", "a brand new partner secret");
        admin.api("DELETE", PARTNERS + "/alice", token, null);

        JsonNode audit = AdminTestServer.json(admin.api("GET", "/api/v1/audit?limit=3", token, null));
        assertThat(audit.findValuesAsText("action")).containsExactly("delete", "password", "create");
        assertThat(audit.findValuesAsText("subjectKind")).containsOnly("partner-credential");
        assertThat(audit.findValuesAsText("subjectName")).containsOnly("build/alice");
        assertThat(audit.findValuesAsText("actor")).containsOnly("admin");
        assertThat(audit.toString()).doesNotContain(ALICE_PASSWORD, "brand new", "argon2");
    }

    @Test
    void passwordsAndUsernamesFollowTheAdminRules() {
        assertRefused(put(PARTNERS + "/alice", "short"), 400, "password", "at least 12 characters");
        assertRefused(put(PARTNERS + "/alice", "ALICE"), 400, "password", "at least 12 characters");
        assertRefused(put(PARTNERS + "/alice.example.com", "ALICE.EXAMPLE.COM"), 400, "password",
                "must not be the username");
        assertRefused(put(PARTNERS + "/al%20ice", ALICE_PASSWORD), 400, "username", "letters");
        assertRefused(admin.api("PUT", PARTNERS + "/alice", token, "{}"), 400, "password", "required");
        assertRefused(admin.api("PUT", PARTNERS + "/alice", token,
                "{\"password\":\"" + ALICE_PASSWORD + "\",\"admin\":true}"), 400, "admin", "unknown");
        assertThat(admin.database.partners().count("build")).isZero();
    }

    @Test
    void anUnknownDeploymentIs404AndATcpOneTakesNoCredential() {
        assertRefused(admin.api("GET", "/api/v1/deployments/nowhere/partners", token, null), 404, null,
                "no deployment 'nowhere'");
        assertRefused(put("/api/v1/deployments/nowhere/partners/alice", ALICE_PASSWORD), 404, null,
                "no deployment 'nowhere'");
        assertRefused(admin.api("DELETE", "/api/v1/deployments/nowhere/partners/alice", token, null), 404, null,
                "no deployment 'nowhere'");

        assertRefused(put("/api/v1/deployments/ssh/partners/alice", ALICE_PASSWORD), 409, null,
                "partner credentials are for collections; deployment 'ssh' is mode tcp");
        assertThat(AdminTestServer.json(admin.api("GET", "/api/v1/deployments/ssh/partners", token, null))
                .get("partners")).isEmpty();
    }

    @Test
    void credentialsGoWithTheirDeploymentAndNeverIntoTheExport() {
        put(PARTNERS + "/alice", ALICE_PASSWORD);

        String exported = admin.api("GET", "/api/v1/export", token, null).body();
        assertThat(exported).contains("build").doesNotContain("alice", "argon2");

        assertThat(admin.api("DELETE", "/api/v1/deployments/build", token, null).statusCode()).isEqualTo(204);
        assertThat(admin.database.partners().deploymentsWithCredentials()).isEmpty();
    }

    private static void assertRefused(HttpResponse<String> response, int status, String field, String text) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = AdminTestServer.json(response);
        assertThat(body.get("error").asText()).contains(text);
        if (field == null) {
            assertThat(body.has("field")).as(response.body()).isFalse();
        } else {
            assertThat(body.get("field").asText()).isEqualTo(field);
        }
    }
}
