package io.usp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.router.Endpoint;
import io.usp.admin.auth.AccessGuard;
import io.usp.admin.pages.Pages;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Walks every route Javalin has registered (not a list kept by hand, so a new route cannot slip
 * through) and asks it without a session or token: the API and /metrics answer 401, pages
 * redirect to the login page; only /health, the login page and the token endpoint are open.
 */
class RouteTableTest {

    private static AdminTestServer admin;

    @BeforeAll
    static void start() {
        admin = new AdminTestServer(List.of(new Pages()));
    }

    @AfterAll
    static void stop() {
        admin.close();
    }

    @Test
    void everyRouteButThePublicOnesNeedsALogin() {
        List<Endpoint> routes = admin.server.routes();
        assertThat(routes).extracting(e -> e.path)
                .contains("/api/v1/deployments", "/api/v1/deployments/{name}", "/metrics", "/health", "/probe", "/logout");

        for (Endpoint route : routes) {
            String path = route.path.replaceAll("\\{[^}]+}|<[^>]+>", "x");
            String method = route.method.name();
            HttpResponse<String> response = admin.request(method, path);
            String what = method + " " + route.path;
            if (AccessGuard.isPublic(path)) {
                assertThat(path).as(what).isIn("/health", "/login", "/api/v1/auth/token");
                assertThat(response.statusCode()).as(what).isNotIn(401, 302);
            } else if (AccessGuard.isApi(path)) {
                assertThat(response.statusCode()).as(what).isEqualTo(401);
                assertThat(AdminTestServer.json(response).get("error").asText()).as(what).contains("bearer token");
            } else {
                assertThat(response.statusCode()).as(what).isEqualTo(302);
                assertThat(response.headers().firstValue("Location")).as(what).hasValueSatisfying(
                        location -> assertThat(location).startsWith("/login"));
            }
        }
    }

    @Test
    void anInvalidTokenIsRefusedOnEveryApiRoute() {
        for (Endpoint route : admin.server.routes()) {
            String path = route.path.replaceAll("\\{[^}]+}|<[^>]+>", "x");
            if (AccessGuard.isApi(path) && !AccessGuard.isPublic(path)) {
                HttpResponse<String> response = admin.api(route.method.name(), path, "not-a-token", null);
                assertThat(response.statusCode()).as(route.method + " " + route.path).isEqualTo(401);
            }
        }
    }

    @Test
    void healthIsOpen() {
        HttpResponse<String> health = admin.request("GET", "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(AdminTestServer.json(health).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void unknownPathsAreBehindTheLoginToo() {
        assertThat(admin.request("GET", "/no-such-page").statusCode()).isEqualTo(302);
        assertThat(admin.request("GET", "/api/v1/no-such-thing").statusCode()).isEqualTo(401);
    }
}
