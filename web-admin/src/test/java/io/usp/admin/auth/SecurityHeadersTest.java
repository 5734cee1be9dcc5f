package io.usp.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.admin.AdminTestServer;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of answer carries the security headers: pages, redirects, API, errors, assets. */
class SecurityHeadersTest {

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
    void pagesRedirectsApiAnswersAndErrorsCarryThemAll() {
        String session = admin.login();
        String token = admin.token();
        Map<String, HttpResponse<String>> answers = Map.of(
                "login page", admin.request("GET", "/login"),
                "redirect to login", admin.request("GET", "/probe"),
                "page behind login", admin.page("GET", "/probe", session, Map.of()),
                "missing CSRF token", admin.page("POST", "/probe", session, Map.of()),
                "API without token", admin.api("GET", "/api/v1/deployments", null, null),
                "API answer", admin.api("GET", "/api/v1/deployments", token, null),
                "API not found", admin.api("GET", "/api/v1/deployments/nope", token, null),
                "health", admin.request("GET", "/health"),
                "failed login", admin.postLogin(admin.loginForm(), "admin", "wrong", "/"));
        answers.forEach((what, response) -> {
            HttpHeaders h = response.headers();
            assertThat(h.firstValue("Content-Security-Policy")).as(what)
                    .hasValue("default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
            assertThat(h.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(h.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(h.firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
            assertThat(h.firstValue("Cache-Control")).as(what).hasValue("no-store");
        });
        assertThat(answers.get("redirect to login").statusCode()).isEqualTo(302);
        assertThat(answers.get("API without token").statusCode()).isEqualTo(401);
        assertThat(answers.get("API not found").statusCode()).isEqualTo(404);
    }

    @Test
    void assetsCarryTheHeadersButMayBeCached() {
        HttpResponse<String> css = admin.request("GET", "/static/admin.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(css.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(css.headers().firstValue("Cache-Control")).isNotEqualTo(java.util.Optional.of("no-store"));
    }

    @Test
    void theLoginPageNeedsNothingTheStrictPolicyBlocks() {
        String body = admin.request("GET", "/login").body();
        assertThat(body).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<style")
                .doesNotContainIgnoringCase("style=").doesNotContainPattern("(?i)\\son[a-z]+=")
                .contains("href=\"/static/admin.css\"");
    }
}
