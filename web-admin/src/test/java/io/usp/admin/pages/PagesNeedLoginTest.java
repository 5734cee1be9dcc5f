package io.usp.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.router.Endpoint;
import io.usp.admin.auth.AccessGuard;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every page route, asked without a session, sends the browser to the login page and shows nothing. */
class PagesNeedLoginTest {

    private static PagesServer admin;

    @BeforeAll
    static void start() {
        admin = new PagesServer();
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    @Test
    void everyPageRouteRedirectsToTheLoginPage() {
        int pages = 0;
        for (Endpoint route : admin.server.routes()) {
            String path = route.path.replaceAll("\\{[^}]+}", "x");
            if (AccessGuard.isPublic(path) || AccessGuard.isApi(path) || path.equals("/logout")) {
                continue;
            }
            pages++;
            HttpResponse<String> response = route.method.name().equals("GET") ? admin.get(path)
                    : admin.post(path, Map.of("csrf", "forged"));
            assertThat(response.statusCode()).as(route.method + " " + route.path).isEqualTo(302);
            assertThat(response.headers().firstValue("Location")).as(route.method + " " + route.path)
                    .hasValueSatisfying(location -> assertThat(location).startsWith("/login"));
        }
        assertThat(pages).as("page routes").isGreaterThan(20);
    }
}
