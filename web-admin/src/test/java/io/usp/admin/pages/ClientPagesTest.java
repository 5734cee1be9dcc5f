package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.admin.live.RunningServer.ConnectedClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The clients page adds a client (showing its token once) and revokes one, with the CSRF token. */
class ClientPagesTest extends WithPages {

    @Test
    void addingAClientShowsItsTokenOnceAndListsItAsWaiting() {
        HttpResponse<String> added = admin.submit("/clients", fields("name", "agent-a"));

        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(PageText.byId(added.body(), "new-client")).isEqualTo("agent-a");
        assertThat(PageText.byId(added.body(), "enrollment-token")).isEqualTo("usp1.fake-token-for-agent-a");
        assertThat(added.body()).contains("allow-list is empty");
        String list = admin.get("/clients").body();
        assertThat(PageText.byId(list, "enrollment-agent-a")).contains("waiting to enroll");
        assertThat(list).doesNotContain("usp1.fake-token-for-agent-a");
    }

    @Test
    void aBadNameIsShownNextToTheForm() {
        HttpResponse<String> refused = admin.submit("/clients", fields("name", "<b>x"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-name")).contains("invalid");
        assertThat(refused.body()).doesNotContain("<b>x");
    }

    @Test
    void revokeNeedsTheCsrfTokenAndMarksTheClient() {
        admin.fake.connect(new ConnectedClient("agent-b", List.of()));

        HttpResponse<String> forged = admin.post("/clients/agent-b/revoke", Map.of());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(admin.fake.connectedClients()).hasSize(1);

        HttpResponse<String> revoked = admin.submit("/clients/agent-b/revoke", Map.of());
        assertThat(revoked.statusCode()).isEqualTo(303);
        String list = admin.get("/clients").body();
        assertThat(PageText.byId(list, "enrollment-agent-b")).contains("revoked", "by admin");
        assertThat(admin.fake.connectedClients()).isEmpty();
    }
}
