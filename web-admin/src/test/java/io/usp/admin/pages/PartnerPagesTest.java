package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.usp.deployments.yaml.DeploymentEntry;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A collection's partners page: reached from the deployments list, add, replace and remove, refusals by field. */
class PartnerPagesTest extends WithPages {

    private static final String PAGE = "/deployments/build/partners";
    private static final String SECRET = "alice's long partner secret";

    @BeforeEach
    void deployments() throws Exception {
        create("""
                {"name": "build", "mode": "connect", "listener": {"port": 0},
                 "rules": [{"action": "direct", "hosts": ["*.build.internal"]}]}""");
        create("""
                {"name": "ssh", "listener": {"port": 0}, "target": {"host": "ssh.internal", "port": 22}}""");
    }

    private void create(String json) throws Exception {
        admin.database.deployments().create(DeploymentEntry.readBody(new ObjectMapper().readTree(json), Map.of()),
                "admin");
    }

    @Test
    void theDeploymentsListLinksTheCollectionsPartnersOnly() {
        String list = admin.get("/deployments").body();

        assertThat(PageText.byId(list, "partners-build")).isEqualTo("Partners");
        assertThat(list).contains("href=\"/deployments/build/partners\"");
        assertThat(PageText.hasId(list, "partners-ssh")).isFalse();
    }

    @Test
    void aPartnerIsAddedGivenANewPasswordAndRemoved() {
        String empty = admin.get(PAGE).body();
        assertThat(PageText.hasId(empty, "no-partners")).isTrue();
        assertThat(PageText.byId(empty, "partners-rule")).contains("IP filter alone");
        PageText.everyPostFormHasCsrf(empty);

        HttpResponse<String> added = admin.submit(PAGE, fields("username", "alice", "password", SECRET));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        assertThat(added.headers().firstValue("Location")).contains(PAGE);
        String listed = admin.get(PAGE).body();
        assertThat(PageText.upTo(listed, "partner-alice", "</tr>")).contains("alice", "2026-03-01 10:00:00Z",
                "remove-alice");
        assertThat(PageText.byId(listed, "partners-rule")).contains("must give one of these usernames");
        assertThat(listed).doesNotContain(SECRET, "argon2");

        String firstHash = admin.database.partners().passwordHash("build", "alice").orElseThrow();
        assertThat(admin.submit(PAGE, fields("username", "alice", "password", "a brand new partner secret"))
                .statusCode()).isEqualTo(303);
        assertThat(admin.database.partners().passwordHash("build", "alice")).get().isNotEqualTo(firstHash);
        assertThat(admin.database.partners().count("build")).isEqualTo(1);

        assertThat(admin.post(PAGE + "/alice/remove", fields()).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(admin.submit(PAGE + "/alice/remove", fields()).statusCode()).isEqualTo(303);
        assertThat(PageText.hasId(admin.get(PAGE).body(), "no-partners")).isTrue();
        assertThat(admin.get("/audit").body()).contains("partner-credential", "build/alice").doesNotContain(SECRET);
    }

    @Test
    void aRefusedFormKeepsTheUsernameButNeverEchoesThePassword() {
        HttpResponse<String> refused = admin.submit(PAGE, fields("username", "alice", "password", "short-pw"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-password")).contains("at least 12");
        assertThat(PageText.inputValue(refused.body(), "username")).isEqualTo("alice");
        assertThat(refused.body()).doesNotContain("short-pw");

        HttpResponse<String> badName = admin.submit(PAGE, fields("username", "<b>al ice", "password", SECRET));
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(badName.body(), "error-username")).contains("letters");
        assertThat(badName.body()).doesNotContain("<b>al ice", SECRET);
        assertThat(admin.database.partners().count("build")).isZero();
    }

    @Test
    void aTcpDeploymentHasNoFormAndAnUnknownOneIsNotFound() {
        String tcp = admin.get("/deployments/ssh/partners").body();
        assertThat(PageText.byId(tcp, "not-a-collection")).contains("mode tcp");
        assertThat(PageText.hasId(tcp, "partner-form")).isFalse();
        HttpResponse<String> refused = admin.submit("/deployments/ssh/partners",
                fields("username", "alice", "password", SECRET));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(PageText.byId(refused.body(), "error-form")).contains("partner credentials are for collections");

        assertThat(admin.get("/deployments/nowhere/partners").statusCode()).isEqualTo(404);
        assertThat(admin.submit("/deployments/nowhere/partners", fields("username", "alice", "password", SECRET))
                .statusCode()).isEqualTo(404);
    }
}
