package io.usp.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usp.admin.AdminContext;
import io.usp.admin.AdminServer;
import io.usp.admin.AdminSettings;
import io.usp.admin.FakeRunningServer;
import io.usp.admin.MutableClock;
import io.usp.admin.TestHttp;
import io.usp.admin.auth.FirstAdmin;
import io.usp.deployments.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real admin server with {@link Pages} on 127.0.0.1 port 0, a real in-memory store and the
 * fake running server, driven like a browser: a cookie jar, forms posted with the page's CSRF
 * token, redirects not followed so tests see them.
 */
final class PagesServer implements AutoCloseable {

    static final String PASSWORD = "pages test password";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final Database database;
    final FakeRunningServer fake;
    final StatusOverrides running;
    final AdminContext context;
    final AdminServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String csrf;

    PagesServer() {
        database = Database.inMemory("pages-" + UUID.randomUUID(), clock);
        fake = new FakeRunningServer(database.deployments());
        running = new StatusOverrides(fake);
        context = new AdminContext(database.deployments(), database.admins(), database.audit(), database.history(),
                database.clients(), database.partners(), running, clock,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        FirstAdmin.ensure(database.admins(), clock, Map.of(FirstAdmin.PASSWORD_ENV, PASSWORD),
                new PrintWriter(new StringWriter()));
        server = AdminServer.start(new AdminSettings("127.0.0.1", 0, Optional.empty()), context, List.of(new Pages()));
    }

    /** Logs in as {@code admin} through the login form; the session cookie stays in the jar. */
    void login() {
        login("admin", PASSWORD);
    }

    void login(String username, String password) {
        HttpResponse<String> form = get("/login");
        assertThat(form.statusCode()).isEqualTo(200);
        HttpResponse<String> done = post("/login", fields("csrf", csrfOf(form), "username", username,
                "password", password, "next", "/dashboard"));
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);
        HttpResponse<String> dashboard = get("/dashboard");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        csrf = csrfOf(dashboard);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** Posts a page form with the session's CSRF token added. */
    HttpResponse<String> submit(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("csrf", csrf);
        return post(path, all);
    }

    HttpResponse<String> post(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(fields))));
    }

    /** Alternating names and values, kept in order. */
    static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return out;
    }

    static String csrfOf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("a csrf field in %s", page.body()).isTrue();
        return m.group(1);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(http, request);
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
