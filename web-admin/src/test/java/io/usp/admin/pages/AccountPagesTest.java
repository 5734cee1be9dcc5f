package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The admins page: add and remove admins, change your own password, withdraw API tokens. */
class AccountPagesTest extends WithPages {

    private static final String ZOE_PASSWORD = "zoe's own long password";

    @Test
    void anAdminAddedInTheFormIsListedAndCanBeRemovedButYouCannot() {
        String page = admin.get("/admins").body();
        assertThat(PageText.byId(page, "nav-admins")).isEqualTo("Admins");
        assertThat(PageText.upTo(page, "admin-admin", "</tr>")).contains("(you)").doesNotContain("remove-admin");
        PageText.everyPostFormHasCsrf(page);

        HttpResponse<String> added = admin.submit("/admins", fields("username", "zoe", "password", ZOE_PASSWORD));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        String listed = admin.get("/admins").body();
        assertThat(PageText.upTo(listed, "admin-zoe", "</tr>")).contains("never", "remove-zoe");
        assertThat(listed).doesNotContain(ZOE_PASSWORD);

        assertThat(admin.post("/admins/zoe/remove", fields()).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(admin.submit("/admins/zoe/remove", fields()).statusCode()).isEqualTo(303);
        assertThat(PageText.hasId(admin.get("/admins").body(), "admin-zoe")).isFalse();
        assertThat(admin.submit("/admins/admin/remove", fields()).statusCode()).as("not yourself").isEqualTo(409);
        assertThat(admin.get("/audit").body()).contains("admin-user", "zoe").doesNotContain(ZOE_PASSWORD);
    }

    @Test
    void aRefusedAdminKeepsTheNameButNeverEchoesThePassword() {
        HttpResponse<String> refused = admin.submit("/admins", fields("username", "zoe", "password", "short-pw"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-password")).contains("at least 12");
        assertThat(PageText.inputValue(refused.body(), "username")).isEqualTo("zoe");
        assertThat(refused.body()).doesNotContain("short-pw");

        admin.submit("/admins", fields("username", "zoe", "password", ZOE_PASSWORD));
        HttpResponse<String> taken = admin.submit("/admins", fields("username", "zoe", "password", ZOE_PASSWORD));
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(PageText.byId(taken.body(), "error-username")).contains("exists already");
    }

    @Test
    void changingYourPasswordNeedsTheCurrentOneThenLogsYouOut() {
        HttpResponse<String> wrong = admin.submit("/admins/password",
                fields("currentPassword", "not it", "newPassword", "a brand new password"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(PageText.byId(wrong.body(), "error-currentPassword")).contains("not your current password");
        assertThat(wrong.body()).doesNotContain("a brand new password", "not it\"");

        HttpResponse<String> changed = admin.submit("/admins/password",
                fields("currentPassword", PagesServer.PASSWORD, "newPassword", "a brand new password"));
        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(changed.headers().firstValue("Location")).contains("/login?changed=password");

        assertThat(admin.get("/dashboard").statusCode()).as("this session ended too").isEqualTo(302);
        assertThat(PageText.byId(admin.get("/login?changed=password").body(), "notice")).contains("password was changed");
        admin.login("admin", "a brand new password");
        assertThat(admin.get("/admins").statusCode()).isEqualTo(200);
    }

    @Test
    void anApiTokenIsListedAndWithdrawn() {
        admin.database.admins().addToken("a".repeat(64), "admin", admin.clock.instant(),
                admin.clock.instant().plus(Duration.ofHours(1)));
        long id = admin.database.admins().tokens(admin.clock.instant()).get(0).id();

        assertThat(PageText.upTo(admin.get("/admins").body(), "token-" + id, "</tr>")).contains("withdraw-" + id);
        assertThat(admin.submit("/admins/tokens/" + id + "/withdraw", fields()).statusCode()).isEqualTo(303);

        assertThat(admin.database.admins().tokenUser("a".repeat(64), admin.clock.instant())).isEmpty();
        assertThat(PageText.hasId(admin.get("/admins").body(), "no-tokens")).isTrue();
        assertThat(admin.submit("/admins/tokens/" + id + "/withdraw", fields()).statusCode()).isEqualTo(404);
    }
}
