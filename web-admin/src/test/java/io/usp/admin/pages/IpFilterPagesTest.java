package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The IP filter pages: create, the test box, use by a deployment, edit, delete. */
class IpFilterPagesTest extends WithPages {

    @BeforeEach
    void start() {
        HttpResponse<String> created = admin.submit("/ip-filters", fields("name", "partners",
                "block", "198.51.100.66", "allow", "198.51.100.0/24\n2001:db8::/32", "defaultAction", "block"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
    }

    @Test
    void theTestBoxSaysWhatTheFilterDoesAndWhy() {
        String list = admin.get("/ip-filters").body();
        assertThat(PageText.upTo(list, "filter-partners", "</section>")).contains("198.51.100.0/24", "2001:db8:0:0:0:0:0:0/32");
        PageText.everyPostFormHasCsrf(list);

        HttpResponse<String> allowed = admin.submit("/ip-filters/partners/test", fields("address", "198.51.100.7"));
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("class=\"decision allow\" id=\"test-result-partners\"");
        assertThat(PageText.upTo(allowed.body(), "test-result-partners", "</p>")).contains("allow rule 198.51.100.0/24");
        assertThat(PageText.inputValue(allowed.body(), "address")).isEqualTo("198.51.100.7");

        HttpResponse<String> blocked = admin.submit("/ip-filters/partners/test", fields("address", "198.51.100.66"));
        assertThat(blocked.body()).contains("class=\"decision block\" id=\"test-result-partners\"");
        assertThat(PageText.upTo(blocked.body(), "test-result-partners", "</p>")).contains("block rule");

        HttpResponse<String> other = admin.submit("/ip-filters/partners/test", fields("address", "203.0.113.1"));
        assertThat(PageText.upTo(other.body(), "test-result-partners", "</p>")).contains("block", "default action");

        HttpResponse<String> bad = admin.submit("/ip-filters/partners/test", fields("address", "not-an-ip"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(bad.body(), "error-test-partners")).contains("not-an-ip");
    }

    @Test
    void aDeploymentUsesTheFilterByNameAndItCannotBeDeletedMeanwhile() {
        HttpResponse<String> created = admin.submit("/deployments", fields("name", "ssh", "listener.port", "10022",
                "ipFilter.mode", "named", "ipFilter.name", "partners", "target.host", "127.0.0.1", "target.port", "22",
                "startMode", "auto", "enabled", "true"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(admin.database.deployments().deployment("ssh").orElseThrow().deployment().ipFilterName())
                .hasValue("partners");
        assertThat(PageText.upTo(admin.get("/ip-filters").body(), "used-by-partners", "</dd>")).contains("ssh");
        assertThat(PageText.upTo(admin.get("/deployments").body(), "deployment-ssh", "</tr>")).contains("partners");

        HttpResponse<String> refused = admin.submit("/ip-filters/partners/delete", Map.of());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(PageText.byId(refused.body(), "error-form")).contains("ssh");
        assertThat(admin.database.deployments().ipFilter("partners")).isPresent();

        assertThat(admin.submit("/deployments/ssh/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(admin.submit("/ip-filters/partners/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(admin.database.deployments().ipFilter("partners")).isEmpty();
    }

    @Test
    void editKeepsTheInputAndShowsTheErrorOnABadRule() {
        HttpResponse<String> edit = admin.get("/ip-filters/partners/edit");
        assertThat(edit.body()).contains("198.51.100.0/24\n2001:db8:0:0:0:0:0:0/32</textarea>");

        HttpResponse<String> refused = admin.submit("/ip-filters/partners/edit", fields("name", "partners",
                "block", "300.1.2.3", "allow", "", "defaultAction", "allow"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-block")).contains("entry 1", "300.1.2.3");
        assertThat(refused.body()).contains(">300.1.2.3</textarea>");

        HttpResponse<String> saved = admin.submit("/ip-filters/partners/edit", fields("name", "partners",
                "block", "", "allow", "10.0.0.0/8", "defaultAction", "allow"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(admin.database.deployments().ipFilter("partners").orElseThrow().filter().filter().allow())
                .extracting(Object::toString).containsExactly("10.0.0.0/8");

        HttpResponse<String> duplicate = admin.submit("/ip-filters", fields("name", "partners", "defaultAction", "allow"));
        assertThat(duplicate.statusCode()).isEqualTo(409);
        assertThat(PageText.byId(duplicate.body(), "error-name")).contains("partners");
    }
}
