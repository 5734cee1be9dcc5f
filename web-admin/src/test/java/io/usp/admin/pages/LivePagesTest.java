package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.admin.FakeRunningServer;
import io.usp.admin.live.RunningServer.ConnectedClient;
import io.usp.admin.live.RunningServer.DeploymentStatus;
import io.usp.admin.live.RunningServer.State;
import io.usp.admin.live.RunningServer.TunnelConnectionInfo;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.ClientStore.ClientRecord;
import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dashboard, clients, connections, history and audit, and that values from outside are escaped. */
class LivePagesTest extends WithPages {

    private static final String HOSTILE = "<script>alert('x')</script>";

    @BeforeEach
    void start() {
        HttpResponse<String> created = admin.submit("/deployments", fields("name", "ssh", "listener.port", "10022",
                "target.host", "127.0.0.1", "target.port", "22", "startMode", "auto", "enabled", "true"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
    }

    @Test
    void theDashboardShowsTotalsRefusalsClientsAndDeployments() {
        admin.fake.connect(new ConnectedClient("agent-a", List.of(
                new TunnelConnectionInfo("192.0.2.10:50000", Instant.parse("2026-03-01T09:00:00Z"), 3))));
        admin.running.set(new DeploymentStatus("ssh", State.RUNNING, Optional.of(10022), Optional.empty(), 4, 9,
                Map.of("ip-filter", 5L), 10, 20));

        String page = admin.get("/dashboard").body();
        assertThat(PageText.byId(page, "clients-connected")).isEqualTo("1");
        assertThat(PageText.byId(page, "tunnel-connections")).isEqualTo("1");
        assertThat(PageText.byId(page, "refused-ip-filter")).isEqualTo("2");
        assertThat(PageText.upTo(page, "connected-agent-a", "</tr>")).contains("192.0.2.10:50000", "1h 0m");
        assertThat(PageText.byId(page, "dashboard-ssh-refused-ip-filter")).isEqualTo("5");
        assertThat(PageText.byId(page, "state-ssh")).isEqualTo("running");

        String list = admin.get("/deployments").body();
        assertThat(PageText.byId(list, "deployment-ssh-refused-ip-filter")).isEqualTo("5");
        assertThat(PageText.byId(list, "open-ssh")).isEqualTo("4");
    }

    @Test
    void clientsJoinWhatWasSeenWithWhatIsConnected() {
        admin.database.clients().seen(new ClientRecord("agent-a", Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-02-20T00:00:00Z"), "192.0.2.10:40000", Optional.of("01"),
                Optional.of(Instant.parse("2026-03-10T00:00:00Z"))));
        admin.database.clients().seen(new ClientRecord("agent-b", Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-02-21T00:00:00Z"), "192.0.2.11:40000", Optional.empty(), Optional.empty()));
        admin.fake.connect(new ConnectedClient("agent-a", List.of(
                new TunnelConnectionInfo("192.0.2.10:50000", Instant.parse("2026-03-01T09:00:00Z"), 0))));

        String page = admin.get("/clients").body();
        String a = PageText.upTo(page, "client-agent-a", "</tr>");
        assertThat(a).contains("yes", "192.0.2.10:50000", "2026-03-01 09:00:00Z", "2026-03-10 00:00:00Z (in 8d 14h)");
        String b = PageText.upTo(page, "client-agent-b", "</tr>");
        assertThat(b).contains("no", "192.0.2.11:40000", "last seen 2026-02-21 00:00:00Z");
    }

    @Test
    void aLiveConnectionCanBeClosed() {
        admin.fake.open(FakeRunningServer.connection(7, "ssh"));
        String page = admin.get("/connections").body();
        assertThat(PageText.upTo(page, "connection-7", "</tr>")).contains("198.51.100.7:40000", "127.0.0.1:22");
        PageText.everyPostFormHasCsrf(page);

        HttpResponse<String> closed = admin.submit("/connections/7/close", Map.of());
        assertThat(closed.statusCode()).isEqualTo(303);
        assertThat(PageText.hasId(admin.get("/connections").body(), "no-connections")).isTrue();
        assertThat(admin.submit("/connections/7/close", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void historyFiltersByDeployment() {
        admin.database.history().add(List.of(
                record("ssh", "198.51.100.7:1", "closed"), record("web", "198.51.100.8:2", "ip-filter")));
        String all = admin.get("/history").body();
        assertThat(all).contains("198.51.100.7:1", "198.51.100.8:2");
        String ssh = admin.get("/history?deployment=ssh").body();
        assertThat(ssh).contains("198.51.100.7:1").doesNotContain("198.51.100.8:2");
        assertThat(ssh).contains("<option value=\"ssh\" selected>");
    }

    @Test
    void summedRefusalsShowTheirCount() {
        admin.database.history().add(List.of(record("ssh", "198.51.100.7:1", "closed"),
                new ConnectionRecord(0, admin.clock.instant(), "ssh", "198.51.100.9", Optional.of("127.0.0.1:22"),
                        Optional.empty(), "ip-filter", Optional.of("block rule 198.51.100.9/32"), 0, 0, 0, 4211, 0)));
        List<ConnectionRecord> rows = admin.database.history().recent(2, Optional.empty());

        String page = admin.get("/history").body();
        assertThat(PageText.upTo(page, "history-" + rows.get(0).id(), "</tr>"))
                .contains("198.51.100.9", "ip-filter", "<td class=\"count\">4211</td>");
        assertThat(PageText.upTo(page, "history-" + rows.get(1).id(), "</tr>")).contains("<td class=\"count\">1</td>");
    }

    @Test
    void theServersPageListsTheRegistry() {
        String page = admin.get("/servers").body();
        assertThat(PageText.byId(page, "state-fake")).isEqualTo("live");
        assertThat(PageText.upTo(page, "server-fake", "</tr>")).contains("localhost:7443", "(this server)");
        assertThat(PageText.hasId(page, "nav-servers")).isTrue();
    }

    @Test
    void valuesFromOutsideAreEscaped() {
        admin.running.set(new DeploymentStatus("ssh", State.FAILED, Optional.empty(), Optional.of(HOSTILE), 0, 0,
                Map.of("<b>", 1L), 0, 0));
        admin.database.audit().record(new AuditEntry(0, admin.clock.instant(), "admin", "update", "deployment",
                "ssh", Optional.of("{\"note\":\"" + HOSTILE.replace("'", "\\u0027") + "\"}"), Optional.of(HOSTILE)));
        admin.database.history().add(List.of(new ConnectionRecord(0, admin.clock.instant(), "ssh", "198.51.100.9:3",
                Optional.empty(), Optional.empty(), "closed", Optional.of(HOSTILE), 0, 0, 5, 1, 0)));

        for (String path : List.of("/deployments", "/dashboard", "/audit", "/history")) {
            String page = admin.get(path).body();
            assertThat(page).as(path).doesNotContain("<script").doesNotContain("<b>");
        }
        String list = admin.get("/deployments").body();
        assertThat(PageText.byId(list, "bind-error-ssh")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assertThat(PageText.byId(list, "state-ssh")).isEqualTo("failed");
        assertThat(PageText.hasId(list, "deployment-ssh-refused--b-")).isTrue();
        String audit = admin.get("/audit").body();
        assertThat(audit).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    }

    private ConnectionRecord record(String deployment, String partner, String outcome) {
        return new ConnectionRecord(0, admin.clock.instant(), deployment, partner, Optional.of("127.0.0.1:22"),
                Optional.of("direct"), outcome, Optional.empty(), 1, 2, 3, 1, 0);
    }
}
