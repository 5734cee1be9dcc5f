package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.admin.AdminTestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Admin users and API tokens through real HTTP: add, remove, new passwords, withdrawn tokens. */
class AccountApiTest extends WithApi {

    private static final String ZOE_PASSWORD = "zoe's own long password";

    @Test
    void anAddedAdminLogsInAndTheAuditNamesItWithoutThePassword() {
        HttpResponse<String> added = addZoe();
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);

        JsonNode admins = AdminTestServer.json(admin.api("GET", "/api/v1/admins", token, null));
        assertThat(admins.findValuesAsText("username")).containsExactly("admin", "zoe");
        assertThat(admins.get(1).has("lastLoginAt")).isFalse();
        String zoe = tokenOf("zoe", ZOE_PASSWORD);
        assertThat(admin.api("GET", "/api/v1/deployments", zoe, null).statusCode()).isEqualTo(200);

        String audit = admin.api("GET", "/api/v1/audit", token, null).body();
        assertThat(audit).contains("\"admin-user\"", "\"zoe\"").doesNotContain(ZOE_PASSWORD);
        assertThat(addZoe().statusCode()).as("taken").isEqualTo(409);
    }

    @Test
    void badNamesAndPasswordsAreRefusedByField() {
        assertRefused(admin.api("POST", "/api/v1/admins", token, "{\"username\":\"zoe\",\"password\":\"short\"}"),
                400, "password", "at least 12");
        assertRefused(admin.api("POST", "/api/v1/admins", token,
                "{\"username\":\"zoe zoe\",\"password\":\"" + ZOE_PASSWORD + "\"}"), 400, "username", "letters");
        assertRefused(admin.api("POST", "/api/v1/admins", token,
                "{\"username\":\"zoe.example.com\",\"password\":\"ZOE.EXAMPLE.COM\"}"), 400, "password", "username");
        assertRefused(admin.api("POST", "/api/v1/admins", token,
                "{\"username\":\"zoe\",\"password\":\"" + ZOE_PASSWORD + "\",\"role\":\"root\"}"), 400, "role", "unknown");
        assertRefused(admin.api("POST", "/api/v1/admins", token, "{\"username\":\"zoe\"}"), 400, "password", "required");
        assertThat(AdminTestServer.json(admin.api("GET", "/api/v1/admins", token, null))).hasSize(1);
    }

    @Test
    void aNewPasswordNeedsTheCurrentOneAndEndsEveryTokenOfThatAdmin() {
        String second = admin.token();

        assertRefused(changeAdminPassword(token, "not it", "a brand new password"), 403, "currentPassword", "not your");
        assertRefused(changeAdminPassword(token, AdminTestServer.PASSWORD, "too short"), 400, "newPassword", "12");
        assertThat(admin.api("GET", "/api/v1/admins", token, null).statusCode()).as("nothing changed yet").isEqualTo(200);

        assertThat(changeAdminPassword(token, AdminTestServer.PASSWORD, "a brand new password").statusCode())
                .isEqualTo(204);

        assertThat(admin.api("GET", "/api/v1/admins", token, null).statusCode()).isEqualTo(401);
        assertThat(admin.api("GET", "/api/v1/admins", second, null).statusCode()).isEqualTo(401);
        assertThat(login("admin", AdminTestServer.PASSWORD).statusCode()).isEqualTo(401);
        String fresh = tokenOf("admin", "a brand new password");
        assertThat(admin.api("GET", "/api/v1/audit", fresh, null).body()).contains("\"password\"")
                .doesNotContain("a brand new password");
    }

    @Test
    void anotherAdminsPasswordIsSetWithYourOwnAndOnlyTheirTokensEnd() {
        addZoe();
        String zoe = tokenOf("zoe", ZOE_PASSWORD);

        HttpResponse<String> set = admin.api("PUT", "/api/v1/admins/zoe/password", token,
                "{\"currentPassword\":\"" + AdminTestServer.PASSWORD + "\",\"newPassword\":\"zoe's next password\"}");

        assertThat(set.statusCode()).as(set.body()).isEqualTo(204);
        assertThat(admin.api("GET", "/api/v1/admins", zoe, null).statusCode()).isEqualTo(401);
        assertThat(admin.api("GET", "/api/v1/admins", token, null).statusCode()).isEqualTo(200);
        assertThat(tokenOf("zoe", "zoe's next password")).isNotBlank();
        assertThat(admin.api("PUT", "/api/v1/admins/nobody/password", token, "{\"currentPassword\":\""
                + AdminTestServer.PASSWORD + "\",\"newPassword\":\"somebody's password\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void guessingTheCurrentPasswordLocksLikeALogin() {
        HttpResponse<String> last = null;
        for (int i = 0; i < 11; i++) {
            last = changeAdminPassword(token, "guess " + i, "a brand new password");
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(changeAdminPassword(token, AdminTestServer.PASSWORD, "a brand new password").statusCode())
                .as("even the right one, while locked").isEqualTo(429);
    }

    @Test
    void anAdminIsRemovedWithItsTokensButNotByItself() {
        addZoe();
        String zoe = tokenOf("zoe", ZOE_PASSWORD);

        assertRefused(admin.api("DELETE", "/api/v1/admins/admin", token, null), 409, "username", "logged in as");
        assertRefused(admin.api("DELETE", "/api/v1/admins/nobody", token, null), 404, null, "'nobody'");
        assertThat(admin.api("DELETE", "/api/v1/admins/zoe", token, null).statusCode()).isEqualTo(204);

        assertThat(admin.api("GET", "/api/v1/admins", zoe, null).statusCode()).isEqualTo(401);
        assertThat(login("zoe", ZOE_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(AdminTestServer.json(admin.api("GET", "/api/v1/admins", token, null)).findValuesAsText("username"))
                .containsExactly("admin");
    }

    @Test
    void tokensAreListedAndWithdrawnOneByOneOrTheCallersOwn() {
        String other = admin.token();

        JsonNode listed = AdminTestServer.json(admin.api("GET", "/api/v1/auth/tokens", token, null));
        assertThat(listed).hasSize(2);
        assertThat(listed.toString()).doesNotContain(token, other);
        assertThat(listed.findValues("current")).extracting(JsonNode::asBoolean).containsExactly(true, false);
        long otherId = listed.get(1).get("id").asLong();

        assertThat(admin.api("DELETE", "/api/v1/auth/tokens/" + otherId, token, null).statusCode()).isEqualTo(204);
        assertThat(admin.api("GET", "/api/v1/admins", other, null).statusCode()).isEqualTo(401);
        assertRefused(admin.api("DELETE", "/api/v1/auth/tokens/" + otherId, token, null), 404, null, "token");
        assertRefused(admin.api("DELETE", "/api/v1/auth/tokens/first", token, null), 400, "id", "'first'");

        assertThat(admin.api("DELETE", "/api/v1/auth/tokens/current", token, null).statusCode()).isEqualTo(204);
        assertThat(admin.api("GET", "/api/v1/admins", token, null).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> addZoe() {
        return admin.api("POST", "/api/v1/admins", token,
                "{\"username\":\"zoe\",\"password\":\"" + ZOE_PASSWORD + "\"}");
    }

    private HttpResponse<String> changeAdminPassword(String bearer, String current, String next) {
        return admin.api("PUT", "/api/v1/admins/admin/password", bearer,
                "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}");
    }

    private HttpResponse<String> login(String username, String password) {
        return admin.api("POST", "/api/v1/auth/token", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
    }

    private String tokenOf(String username, String password) {
        HttpResponse<String> issued = login(username, password);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        return AdminTestServer.json(issued).get("token").asText();
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
