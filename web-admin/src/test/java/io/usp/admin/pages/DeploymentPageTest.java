package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.admin.AdminTestServer;
import io.usp.deployments.yaml.DeploymentEntry;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A collection in the list and on its own page, with numbered rules and the "test a destination" box. */
class DeploymentPageTest extends WithPages {

    private static final String BUILD = """
            {"name": "build", "mode": "connect", "listener": {"bind": "127.0.0.1", "port": 13128}, "client": "agent-a",
             "rules": [
               {"action": "block", "hosts": ["*.secret.build.internal"]},
               {"action": "tunnel", "hosts": ["*.build.internal"], "ports": [22, "5901-5999"]},
               {"action": "tunnel", "client": "agent-b", "cidrs": ["10.20.0.0/16"], "ports": [443]}],
             "dnsOverrides": {"legacy.build.internal": "10.20.1.7"}}""";

    @BeforeEach
    void createCollection() {
        admin.context.actions().createDeployment(DeploymentEntry.readBody(AdminTestServer.json(BUILD), Map.of()),
                "admin");
    }

    @Test
    void theListShowsTheModeAndTheRulesNumbered() {
        String row = PageText.upTo(admin.get("/deployments").body(), "deployment-build", "</tr>");

        assertThat(row).contains("connect collection, 3 rules, client agent-a", "href=\"/deployments/build\"");
        assertThat(PageText.byId(row, "deployment-build-rule-1")).isEqualTo("block: hosts *.secret.build.internal");
        assertThat(PageText.byId(row, "deployment-build-rule-2"))
                .isEqualTo("tunnel via agent-a: hosts *.build.internal; ports 22, 5901-5999");
        assertThat(PageText.byId(row, "deployment-build-rule-3"))
                .isEqualTo("tunnel via agent-b: cidrs 10.20.0.0/16; ports 443");
    }

    @Test
    void itsPageShowsModeRulesAndOverrides() {
        HttpResponse<String> page = admin.get("/deployments/build");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(PageText.byId(page.body(), "mode")).isEqualTo("connect");
        assertThat(PageText.byId(page.body(), "default-client")).isEqualTo("agent-a");
        assertThat(PageText.upTo(page.body(), "rule-2", "</tr>")).contains("<td>2</td><td>tunnel</td>",
                "<code>*.build.internal</code>", "<code>5901-5999</code>");
        assertThat(PageText.upTo(page.body(), "rule-3", "</tr>")).contains("agent-b", "<code>10.20.0.0/16</code>");
        assertThat(PageText.upTo(page.body(), "dns-overrides", "</table>")).contains("legacy.build.internal",
                "10.20.1.7");
        assertThat(PageText.hasId(page.body(), "destination")).isTrue();
        PageText.everyPostFormHasCsrf(page.body());
    }

    @Test
    void theTestBoxSaysWhichRuleDecidesAndWhy() {
        HttpResponse<String> tunnel = test("ci.build.internal:22");
        assertThat(tunnel.statusCode()).isEqualTo(200);
        assertThat(tunnel.body()).contains("class=\"decision allow\" id=\"test-result\"");
        assertThat(PageText.byId(tunnel.body(), "test-rule"))
                .isEqualTo("rule 2: tunnel via agent-a: hosts *.build.internal; ports 22, 5901-5999");
        assertThat(PageText.byId(tunnel.body(), "test-action")).isEqualTo("tunnel");
        assertThat(PageText.byId(tunnel.body(), "test-client")).isEqualTo("agent-a");
        assertThat(PageText.byId(tunnel.body(), "test-destination")).isEqualTo("ci.build.internal:22");
        assertThat(PageText.byId(tunnel.body(), "test-required-cidrs")).isEqualTo("none");
        assertThat(PageText.byId(tunnel.body(), "test-why")).startsWith("rule 2 (tunnel via agent-a): host ci.build");
        assertThat(PageText.inputValue(tunnel.body(), "destination")).isEqualTo("ci.build.internal:22");

        HttpResponse<String> overridden = test("legacy.build.internal:5901");
        assertThat(PageText.byId(overridden.body(), "test-destination"))
                .isEqualTo("10.20.1.7:5901 (DNS override of legacy.build.internal)");

        HttpResponse<String> name = test("api.internal:443");
        assertThat(PageText.byId(name.body(), "test-client")).isEqualTo("agent-b");
        assertThat(PageText.byId(name.body(), "test-required-cidrs")).startsWith("10.20.0.0/16 (api.internal is a name");

        HttpResponse<String> blocked = test("vault.secret.build.internal:22");
        assertThat(blocked.body()).contains("class=\"decision block\" id=\"test-result\"");
        assertThat(PageText.byId(blocked.body(), "test-action")).isEqualTo("block");

        HttpResponse<String> none = test("db7.internal:5432");
        assertThat(none.body()).contains("class=\"decision block\" id=\"test-result\"");
        assertThat(PageText.byId(none.body(), "test-rule")).startsWith("none");
        assertThat(PageText.byId(none.body(), "test-why")).isEqualTo("no rule matches db7.internal:5432: refused");
    }

    @Test
    void aBadDestinationIsSaidByTheBoxAndKept() {
        HttpResponse<String> bad = test("db7.internal");

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(bad.body(), "error-test")).contains("db7.internal", "host:port");
        assertThat(PageText.inputValue(bad.body(), "destination")).isEqualTo("db7.internal");
        assertThat(PageText.hasId(bad.body(), "test-result")).isFalse();
    }

    @Test
    void aTcpDeploymentHasATargetAndNoTestBox() {
        assertThat(admin.submit("/deployments", fields("name", "ssh", "listener.port", "10022", "mode", "tcp",
                "target.host", "db.internal", "target.port", "22", "startMode", "auto", "enabled", "true"))
                .statusCode()).isEqualTo(303);

        String page = admin.get("/deployments/ssh").body();
        assertThat(PageText.byId(page, "mode")).isEqualTo("tcp");
        assertThat(PageText.byId(page, "target")).isEqualTo("db.internal:22");
        assertThat(PageText.hasId(page, "destination")).isFalse();

        HttpResponse<String> refused = admin.submit("/deployments/ssh/test", fields("destination", "db.internal:22"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(PageText.byId(refused.body(), "error-test")).contains("mode tcp", "one fixed target");
    }

    @Test
    void anUnknownDeploymentIsA404AndNewIsStillTheForm() {
        assertThat(admin.get("/deployments/ghost").statusCode()).isEqualTo(404);
        assertThat(admin.submit("/deployments/ghost/test", fields("destination", "a:1")).statusCode()).isEqualTo(404);
        assertThat(PageText.hasId(admin.get("/deployments/new").body(), "deployment-form")).isTrue();
    }

    private HttpResponse<String> test(String destination) {
        return admin.submit("/deployments/build/test", fields("destination", destination));
    }
}
