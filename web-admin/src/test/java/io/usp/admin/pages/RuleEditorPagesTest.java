package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.admin.AdminTestServer;
import io.usp.deployments.route.CollectionRoute;
import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.yaml.RouteEntry;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The deployment form's mode select and rules editor: steps re-render unsaved, Save keeps everything. */
class RuleEditorPagesTest extends WithPages {

    /** A connect collection with one rule per host given, in order, each a tunnel rule on port 22. */
    private static Map<String, String> collection(String... hosts) {
        Map<String, String> form = fields("name", "build", "listener.bind", "127.0.0.1", "listener.port", "13128",
                "ipFilter.mode", "none", "mode", "connect", "target.host", "", "target.port", "", "client", "agent-a",
                "dnsOverrides", "", "idleTimeout", "1h", "startMode", "auto", "enabled", "true");
        for (int i = 0; i < hosts.length; i++) {
            form.putAll(rule(i, "tunnel", "", hosts[i], "", "22"));
        }
        return form;
    }

    private static Map<String, String> rule(int index, String action, String client, String hosts, String cidrs,
                                            String ports) {
        return fields("rules[" + index + "].action", action, "rules[" + index + "].client", client,
                "rules[" + index + "].hosts", hosts, "rules[" + index + "].cidrs", cidrs,
                "rules[" + index + "].ports", ports);
    }

    private static List<String> hosts(String page) {
        int rows = (int) IntStream.range(0, 50).takeWhile(i -> page.contains("name=\"rules[" + i + "].hosts\"")).count();
        return IntStream.range(0, rows).mapToObj(i -> PageText.inputValue(page, "rules[" + i + "].hosts")).toList();
    }

    private HttpResponse<String> step(Map<String, String> form, String op) {
        form.put("op", op);
        return admin.submit("/deployments", form);
    }

    @Test
    void stepsMoveDeleteAndAddRulesAndSaveNothing() {
        HttpResponse<String> up = step(collection("a.internal", "b.internal", "c.internal"), "up:3");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(hosts(up.body())).containsExactly("a.internal", "c.internal", "b.internal");
        assertThat(PageText.inputValue(up.body(), "name")).as("the rest as typed").isEqualTo("build");
        assertThat(PageText.selected(up.body(), "mode")).isEqualTo("connect");
        assertThat(PageText.upTo(up.body(), "rule-2", "</legend>")).endsWith("<legend>Rule 2");
        PageText.everyPostFormHasCsrf(up.body());

        HttpResponse<String> down = step(PageText.formValues(up.body(), "deployment-form"), "down:1");
        assertThat(hosts(down.body())).containsExactly("c.internal", "a.internal", "b.internal");

        HttpResponse<String> deleted = step(PageText.formValues(down.body(), "deployment-form"), "delete:2");
        assertThat(hosts(deleted.body())).containsExactly("c.internal", "b.internal");
        assertThat(PageText.hasId(deleted.body(), "rule-3")).isFalse();

        HttpResponse<String> added = step(PageText.formValues(deleted.body(), "deployment-form"), "add");
        assertThat(hosts(added.body())).containsExactly("c.internal", "b.internal", "");
        assertThat(PageText.selected(added.body(), "rules[2].action")).as("a new rule's action is chosen").isEmpty();
        assertThat(PageText.hasId(added.body(), "rule-1-up")).as("the first rule cannot go up").isFalse();
        assertThat(PageText.hasId(added.body(), "rule-3-down")).as("the last rule cannot go down").isFalse();
        assertThat(PageText.hasId(added.body(), "rule-2-up")).isTrue();
        assertThat(PageText.hasId(added.body(), "rule-2-down")).isTrue();

        assertThat(admin.database.deployments().deployments()).as("nothing saved").isEmpty();
        assertThat(admin.fake.changes()).isZero();
    }

    @Test
    void aStepThatDoesNotFitTheRulesIsSaidAboveTheForm() {
        HttpResponse<String> refused = step(collection("a.internal"), "up:7");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-form")).contains("up:7", "1 rules");
        assertThat(hosts(refused.body())).containsExactly("a.internal");
    }

    @Test
    void enterInAFieldSavesRatherThanTakingAStep() {
        String page = admin.get("/deployments/new").body();
        String form = PageText.upTo(page, "deployment-form", "</form>");
        String first = form.substring(form.indexOf("<button"), form.indexOf(">", form.indexOf("<button")));
        assertThat(first).contains("type=\"submit\"").doesNotContain("name=");
        assertThat(PageText.selected(page, "mode")).isEqualTo("tcp");
        assertThat(PageText.hasId(page, "no-rules")).isTrue();
    }

    @Test
    void savingACollectionKeepsItsRulesAndOverridesAndEditingItAgainChangesNothing() {
        Map<String, String> form = collection("*.build.internal re:^db[0-9]{1,3}\\.internal$", "status.example.com");
        form.putAll(rule(1, "direct", "", "status.example.com", "", "443"));
        form.putAll(rule(2, "tunnel", "agent-b", "", "10.20.0.0/16, 10.30.0.0/16", "443 8000-8099"));
        form.putAll(rule(3, "block", "", "", "", ""));
        form.put("dnsOverrides", "vnc1.com = myvncservice.internal\n\nlegacy.build.internal=10.20.1.7\n");

        HttpResponse<String> created = admin.submit("/deployments", form);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);

        CollectionRoute saved = (CollectionRoute) admin.database.deployments().deployment("build").orElseThrow()
                .deployment().route();
        assertThat(RouteEntry.write(saved)).isEqualTo(AdminTestServer.json("""
                {"mode": "connect", "client": "agent-a", "rules": [
                  {"action": "tunnel", "hosts": ["*.build.internal", "re:^db[0-9]{1,3}\\\\.internal$"], "ports": [22]},
                  {"action": "direct", "hosts": ["status.example.com"], "ports": [443]},
                  {"action": "tunnel", "client": "agent-b", "cidrs": ["10.20.0.0/16", "10.30.0.0/16"],
                   "ports": [443, "8000-8099"]},
                  {"action": "block"}],
                 "dnsOverrides": {"vnc1.com": "myvncservice.internal", "legacy.build.internal": "10.20.1.7"}}"""));

        String edit = admin.get("/deployments/build/edit").body();
        assertThat(PageText.selected(edit, "mode")).isEqualTo("connect");
        assertThat(PageText.inputValue(edit, "rules[0].hosts")).isEqualTo("*.build.internal re:^db[0-9]{1,3}\\.internal$");
        assertThat(PageText.inputValue(edit, "rules[2].cidrs")).isEqualTo("10.20.0.0/16, 10.30.0.0/16");
        assertThat(PageText.inputValue(edit, "rules[2].ports")).isEqualTo("443, 8000-8099");
        assertThat(PageText.selected(edit, "rules[3].action")).isEqualTo("block");
        assertThat(edit).contains("vnc1.com = myvncservice.internal\nlegacy.build.internal = 10.20.1.7</textarea>");

        Map<String, String> again = PageText.formValues(edit, "deployment-form");
        again.put("listener.port", "13129");
        HttpResponse<String> updated = admin.submit("/deployments/build/edit", again);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(303);
        var after = admin.database.deployments().deployment("build").orElseThrow().deployment();
        assertThat(after.listener().port()).isEqualTo(13129);
        assertThat(after.route()).as("rules and overrides kept").isEqualTo(saved);
    }

    @Test
    void aTcpDeploymentEditedThroughTheFormStaysTcp() {
        Map<String, String> tcp = collection();
        tcp.putAll(fields("name", "ssh", "mode", "tcp", "target.host", "db.internal", "target.port", "22", "client", ""));
        assertThat(admin.submit("/deployments", tcp).statusCode()).isEqualTo(303);

        Map<String, String> again = PageText.formValues(admin.get("/deployments/ssh/edit").body(), "deployment-form");
        assertThat(admin.submit("/deployments/ssh/edit", again).statusCode()).isEqualTo(303);
        FixedRoute route = (FixedRoute) admin.database.deployments().deployment("ssh").orElseThrow().deployment().route();
        assertThat(route.target().authority()).isEqualTo("db.internal:22");
        assertThat(route.direct()).isTrue();
    }

    @Test
    void aBadRegexIsShownOnItsRulesHostsWithItsEntryAndTheInputIsKept() {
        Map<String, String> form = collection("a.internal", "ok.internal re:([a-z");
        form.put("dnsOverrides", "vnc1.com = myvncservice.internal");

        HttpResponse<String> refused = admin.submit("/deployments", form);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-rules-1--hosts"))
                .contains("entry 2", "re:([a-z", "not a valid regular expression");
        assertThat(PageText.inputValue(refused.body(), "rules[1].hosts")).isEqualTo("ok.internal re:([a-z");
        assertThat(PageText.inputValue(refused.body(), "rules[0].hosts")).isEqualTo("a.internal");
        assertThat(refused.body()).contains(">vnc1.com = myvncservice.internal</textarea>");
        assertThat(PageText.hasId(refused.body(), "error-rules-0--hosts")).isFalse();
        assertThat(admin.database.deployments().deployments()).isEmpty();
    }

    @Test
    void eachMistakeLandsOnItsField() {
        Map<String, String> noClient = collection("a.internal");
        noClient.put("client", "");
        assertThat(PageText.byId(admin.submit("/deployments", noClient).body(), "error-rules-0--client"))
                .contains("needs a client");

        Map<String, String> clientOnBlock = collection();
        clientOnBlock.putAll(rule(0, "block", "agent-b", "", "", ""));
        assertThat(PageText.byId(admin.submit("/deployments", clientOnBlock).body(), "error-rules-0--client"))
                .contains("only for a tunnel rule");

        Map<String, String> noAction = collection();
        noAction.putAll(rule(0, "", "", "a.internal", "", ""));
        assertThat(PageText.byId(admin.submit("/deployments", noAction).body(), "error-rules-0--action"))
                .contains("required");

        Map<String, String> badPort = collection("a.internal");
        badPort.put("rules[0].ports", "22 ssh");
        assertThat(PageText.byId(admin.submit("/deployments", badPort).body(), "error-rules-0--ports"))
                .contains("entry 2", "ssh");

        Map<String, String> badOverride = collection("a.internal");
        badOverride.put("dnsOverrides", "vnc1.com = ok.internal\nvnc2.com");
        assertThat(PageText.byId(admin.submit("/deployments", badOverride).body(), "error-dnsOverrides"))
                .contains("line 2", "vnc2.com", "name = destination");

        Map<String, String> badDestination = collection("a.internal");
        badDestination.put("dnsOverrides", "vnc1.com = not a host");
        assertThat(PageText.byId(admin.submit("/deployments", badDestination).body(), "error-dnsOverrides"))
                .contains("vnc1.com", "not a host");

        Map<String, String> targetOnCollection = collection("a.internal");
        targetOnCollection.put("target.host", "db.internal");
        assertThat(PageText.byId(admin.submit("/deployments", targetOnCollection).body(), "error-target-host"))
                .contains("no fixed target");

        Map<String, String> rulesOnTcp = collection("a.internal");
        rulesOnTcp.putAll(fields("mode", "tcp", "target.host", "db.internal", "target.port", "22"));
        assertThat(PageText.byId(admin.submit("/deployments", rulesOnTcp).body(), "error-rules"))
                .contains("only for a collection");

        assertThat(admin.database.deployments().deployments()).isEmpty();
    }
}
