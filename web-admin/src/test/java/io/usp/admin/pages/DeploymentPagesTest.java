package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The deployments pages through real HTTP, logged in through the login form. */
class DeploymentPagesTest extends WithPages {

    private static Map<String, String> ssh(String port) {
        return fields("name", "ssh", "listener.bind", "127.0.0.1", "listener.port", port, "ipFilter.mode", "none",
                "ipFilter.name", "", "ipFilter.block", "", "ipFilter.allow", "", "ipFilter.defaultAction", "block",
                "limits.maxConnections", "", "limits.maxConnectionsPerIp", "5", "limits.newConnectionsPerSecondPerIp", "",
                "target.host", "db.internal", "target.port", "22", "client", "", "idleTimeout", "30m",
                "startMode", "auto", "enabled", "true");
    }

    @Test
    void createListEditDelete() {
        HttpResponse<String> blank = admin.get("/deployments/new");
        assertThat(blank.statusCode()).isEqualTo(200);
        assertThat(PageText.inputValue(blank.body(), "listener.bind")).isEqualTo("0.0.0.0");
        assertThat(PageText.inputValue(blank.body(), "idleTimeout")).isEqualTo("1h");
        PageText.everyPostFormHasCsrf(blank.body());

        HttpResponse<String> created = admin.submit("/deployments", ssh("10022"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location")).hasValue("/deployments");
        assertThat(admin.fake.changes()).isEqualTo(1);

        String list = admin.get("/deployments").body();
        String row = PageText.upTo(list, "deployment-ssh", "</tr>");
        assertThat(row).contains(">ssh<", "127.0.0.1:10022", "db.internal:22", "direct");
        assertThat(PageText.byId(list, "state-ssh")).isEqualTo("running");
        assertThat(PageText.hasId(list, "stop-ssh")).isTrue();
        PageText.everyPostFormHasCsrf(list);

        HttpResponse<String> edit = admin.get("/deployments/ssh/edit");
        assertThat(edit.statusCode()).isEqualTo(200);
        assertThat(PageText.inputValue(edit.body(), "listener.port")).isEqualTo("10022");
        assertThat(PageText.inputValue(edit.body(), "limits.maxConnectionsPerIp")).isEqualTo("5");
        assertThat(PageText.inputValue(edit.body(), "idleTimeout")).isEqualTo("30m");

        Map<String, String> changed = ssh("10023");
        changed.put("startMode", "manual");
        HttpResponse<String> updated = admin.submit("/deployments/ssh/edit", changed);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(303);
        var stored = admin.database.deployments().deployment("ssh").orElseThrow().deployment();
        assertThat(stored.listener().port()).isEqualTo(10023);
        assertThat(stored.startMode().label()).isEqualTo("manual");
        assertThat(admin.get("/deployments").body()).contains("127.0.0.1:10023");

        HttpResponse<String> confirm = admin.get("/deployments/ssh/delete");
        assertThat(PageText.hasId(confirm.body(), "confirm-delete")).isTrue();
        PageText.everyPostFormHasCsrf(confirm.body());
        HttpResponse<String> deleted = admin.submit("/deployments/ssh/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(303);
        String after = admin.get("/deployments").body();
        assertThat(PageText.hasId(after, "deployment-ssh")).isFalse();
        assertThat(PageText.hasId(after, "no-deployments")).isTrue();
        assertThat(admin.get("/deployments/ssh/edit").statusCode()).isEqualTo(404);

        String audit = admin.get("/audit").body();
        assertThat(audit).contains("create", "update", "delete", "deployment ssh");
    }

    @Test
    void aBadPortIsShownNextToItsFieldAndTheInputIsKept() {
        HttpResponse<String> refused = admin.submit("/deployments", ssh("70000"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-listener-port")).contains("70000", "0..65535");
        assertThat(PageText.inputValue(refused.body(), "listener.port")).isEqualTo("70000");
        assertThat(PageText.inputValue(refused.body(), "target.host")).isEqualTo("db.internal");
        assertThat(PageText.inputValue(refused.body(), "limits.maxConnectionsPerIp")).isEqualTo("5");
        assertThat(PageText.hasId(refused.body(), "error-target-host")).isFalse();
        PageText.everyPostFormHasCsrf(refused.body());

        HttpResponse<String> text = admin.submit("/deployments", ssh("ssh"));
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(text.body(), "error-listener-port")).isNotBlank();
        assertThat(PageText.inputValue(text.body(), "listener.port")).isEqualTo("ssh");
        assertThat(admin.database.deployments().deployments()).isEmpty();
    }

    @Test
    void aWrongRuleIsShownOnItsTextareaWithItsEntryNumber() {
        Map<String, String> inline = ssh("10022");
        inline.put("ipFilter.mode", "inline");
        inline.put("ipFilter.allow", "198.51.100.0/24\n\n10.0.0.0/33\n");
        HttpResponse<String> refused = admin.submit("/deployments", inline);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-ipFilter-allow")).contains("entry 2", "10.0.0.0/33");
        assertThat(refused.body()).contains("198.51.100.0/24\n\n10.0.0.0/33\n</textarea>");
    }

    @Test
    void aNamedFilterMustBeChosen() {
        Map<String, String> named = ssh("10022");
        named.put("ipFilter.mode", "named");
        HttpResponse<String> refused = admin.submit("/deployments", named);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-ipFilter-name")).contains("choose");
    }

    @Test
    void aPortInUseIsAConflictOnThePortField() {
        assertThat(admin.submit("/deployments", ssh("10022")).statusCode()).isEqualTo(303);
        Map<String, String> other = ssh("10022");
        other.put("name", "other");
        HttpResponse<String> refused = admin.submit("/deployments", other);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(PageText.byId(refused.body(), "error-listener-port")).contains("10022");
        assertThat(PageText.inputValue(refused.body(), "name")).isEqualTo("other");

        HttpResponse<String> again = admin.submit("/deployments", ssh("10030"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(PageText.byId(again.body(), "error-name")).contains("ssh");
    }

    @Test
    void startAndStopFollowTheButtons() {
        Map<String, String> manual = ssh("10022");
        manual.put("startMode", "manual");
        admin.submit("/deployments", manual);
        String list = admin.get("/deployments").body();
        assertThat(PageText.byId(list, "state-ssh")).isEqualTo("stopped");
        assertThat(PageText.hasId(list, "start-ssh")).isTrue();

        assertThat(admin.submit("/deployments/ssh/start", Map.of()).statusCode()).isEqualTo(303);
        assertThat(PageText.byId(admin.get("/deployments").body(), "state-ssh")).isEqualTo("running");
        assertThat(admin.submit("/deployments/ssh/stop", Map.of()).statusCode()).isEqualTo(303);
        assertThat(PageText.byId(admin.get("/deployments").body(), "state-ssh")).isEqualTo("stopped");
        assertThat(admin.get("/audit").body()).contains("start", "stop");
        assertThat(admin.submit("/deployments/nobody/start", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        HttpResponse<String> refused = admin.post("/deployments", ssh("10022"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(admin.database.deployments().deployments()).isEmpty();
    }
}
