package io.usp.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.admin.AdminTestServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Login, CSRF, logout and expiry through real HTTP. */
class SessionTest {

    private AdminTestServer admin;

    @BeforeEach
    void start() {
        admin = new AdminTestServer();
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndGoesToNext() {
        HttpResponse<String> response = admin.postLogin(admin.loginForm(), "admin", AdminTestServer.PASSWORD, "/probe?x=1");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/probe?x=1");
        String cookie = AdminTestServer.setCookie(response, "usp_session").orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/").doesNotContainIgnoringCase("Secure");

        String session = AdminTestServer.cookie(response, "usp_session").orElseThrow();
        HttpResponse<String> probe = admin.page("GET", "/probe", session, Map.of());
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.body()).contains("user=admin");
        assertThat(admin.database.admins().user("admin").orElseThrow().lastLoginAt()).hasValue(admin.clock.instant());
    }

    @Test
    void aWrongPasswordAndAnUnknownUserReadTheSame() {
        HttpResponse<String> wrong = admin.postLogin(admin.loginForm(), "admin", "nope", "/");
        HttpResponse<String> unknown = admin.postLogin(admin.loginForm(), "nobody", "nope", "/");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("wrong username or password");
        assertThat(unknown.body()).contains("wrong username or password");
        assertThat(AdminTestServer.cookie(wrong, "usp_session")).isEmpty();
    }

    @Test
    void theLoginFormNeedsItsOwnCsrfToken() {
        AdminTestServer.LoginForm form = admin.loginForm();
        HttpResponse<String> forged = admin.postLogin(new AdminTestServer.LoginForm(form.cookie(), "forged"),
                "admin", AdminTestServer.PASSWORD, "/");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(AdminTestServer.cookie(forged, "usp_session")).isEmpty();
    }

    @Test
    void aSecondLoginPageKeepsTheTokenOfTheFormAlreadyShown() {
        // a browser fetches /favicon.ico, which redirects to /login while the login form is shown
        AdminTestServer.LoginForm shown = admin.loginForm();
        HttpResponse<String> again = admin.send(HttpRequest.newBuilder(admin.uri("/login"))
                .header("Cookie", "usp_login_csrf=" + shown.cookie()).GET());
        assertThat(AdminTestServer.cookie(again, "usp_login_csrf")).hasValue(shown.cookie());

        HttpResponse<String> login = admin.postLogin(shown, "admin", AdminTestServer.PASSWORD, "/");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(302);
    }

    @Test
    void anOffSiteNextIsIgnored() {
        HttpResponse<String> response = admin.postLogin(admin.loginForm(), "admin", AdminTestServer.PASSWORD,
                "//evil.example/");
        assertThat(response.headers().firstValue("Location")).hasValue("/");
    }

    @Test
    void aPageChangeNeedsTheSessionsCsrfToken() {
        String session = admin.login();
        String csrf = admin.csrf(session);

        assertThat(admin.page("POST", "/probe", session, Map.of()).statusCode()).isEqualTo(403);
        assertThat(admin.page("POST", "/probe", session, Map.of("csrf", "wrong")).statusCode()).isEqualTo(403);

        HttpResponse<String> withField = admin.page("POST", "/probe", session, Map.of("csrf", csrf));
        assertThat(withField.statusCode()).isEqualTo(200);
        assertThat(withField.body()).isEqualTo("changed by admin");

        HttpResponse<String> withHeader = admin.send(HttpRequest.newBuilder(admin.uri("/probe"))
                .header("Cookie", "usp_session=" + session).header("X-CSRF-Token", csrf)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(withHeader.statusCode()).isEqualTo(200);
    }

    @Test
    void withoutASessionAPageRedirectsToLoginWithNext() {
        HttpResponse<String> response = admin.request("GET", "/probe?tab=2");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/login?next=%2Fprobe%3Ftab%3D2");
        assertThat(admin.page("GET", "/probe", "made-up", Map.of()).statusCode()).isEqualTo(302);
    }

    @Test
    void logoutEndsTheSession() {
        String session = admin.login();
        String csrf = admin.csrf(session);
        assertThat(admin.page("POST", "/logout", session, Map.of()).statusCode()).isEqualTo(403);

        HttpResponse<String> out = admin.page("POST", "/logout", session, Map.of("csrf", csrf));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).hasValue("/login");
        assertThat(AdminTestServer.setCookie(out, "usp_session").orElseThrow()).contains("Expires=Thu, 01 Jan 1970");
        assertThat(admin.page("GET", "/probe", session, Map.of()).statusCode()).isEqualTo(302);
    }

    @Test
    void aNewPasswordEndsEverySessionOfThatAdminAndNoOther() {
        String first = admin.login();
        String second = admin.login();
        String token = admin.token();
        assertThat(admin.api("POST", "/api/v1/admins", token,
                "{\"username\":\"zoe\",\"password\":\"zoe's own long password\"}").statusCode()).isEqualTo(201);
        HttpResponse<String> zoeLogin = admin.postLogin(admin.loginForm(), "zoe", "zoe's own long password", "/probe");
        String zoe = AdminTestServer.cookie(zoeLogin, "usp_session").orElseThrow();

        assertThat(admin.api("PUT", "/api/v1/admins/admin/password", token, "{\"currentPassword\":\""
                + AdminTestServer.PASSWORD + "\",\"newPassword\":\"a brand new password\"}").statusCode()).isEqualTo(204);

        assertThat(admin.page("GET", "/probe", first, Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.page("GET", "/probe", second, Map.of()).statusCode()).isEqualTo(302);
        assertThat(admin.page("GET", "/probe", zoe, Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void anIdleSessionExpiresAfterHalfAnHour() {
        String session = admin.login();
        admin.clock.advance(Duration.ofMinutes(29));
        assertThat(admin.page("GET", "/probe", session, Map.of()).statusCode()).isEqualTo(200);
        admin.clock.advance(Duration.ofMinutes(29));
        assertThat(admin.page("GET", "/probe", session, Map.of()).statusCode()).isEqualTo(200);
        admin.clock.advance(Duration.ofMinutes(31));
        assertThat(admin.page("GET", "/probe", session, Map.of()).statusCode()).isEqualTo(302);
    }

    @Test
    void aBusySessionStillEndsAfterTwelveHours() {
        String session = admin.login();
        for (int i = 0; i < 12 * 3 - 1; i++) {
            admin.clock.advance(Duration.ofMinutes(20));
            assertThat(admin.page("GET", "/probe", session, Map.of()).statusCode()).as("after %d min", (i + 1) * 20)
                    .isEqualTo(200);
        }
        admin.clock.advance(Duration.ofMinutes(20));
        assertThat(admin.page("GET", "/probe", session, Map.of()).statusCode()).isEqualTo(302);
    }

    @Test
    void repeatedFailuresAreThrottled() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(admin.postLogin(admin.loginForm(), "admin", "nope", "/").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = admin.postLogin(admin.loginForm(), "admin", AdminTestServer.PASSWORD, "/");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("too many failed logins");

        admin.clock.advance(LoginThrottle.LOCKOUT);
        assertThat(admin.postLogin(admin.loginForm(), "admin", AdminTestServer.PASSWORD, "/").statusCode()).isEqualTo(302);
    }
}
