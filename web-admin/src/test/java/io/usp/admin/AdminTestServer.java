package io.usp.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usp.admin.api.ApiJson;
import io.usp.admin.auth.FirstAdmin;
import io.usp.deployments.store.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real admin server on 127.0.0.1 port 0 over a real in-memory store, with the fake running
 * server, the test page and user {@code admin}; plus plain HTTP helpers (no redirects followed,
 * cookies handled by hand so tests can look at them).
 */
public final class AdminTestServer implements AutoCloseable {

    public static final String PASSWORD = "correct horse battery staple";

    public final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    public final Database database;
    public final FakeRunningServer running;
    public final AdminContext context;
    public final AdminServer server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public AdminTestServer() {
        this(List.of());
    }

    /** With {@code pages} added to the test page. */
    public AdminTestServer(List<PageRoutes> pages) {
        this(pages, new AdminSettings("127.0.0.1", 0, Optional.empty()));
    }

    /** With other settings, e.g. tighter limits; bind them to 127.0.0.1 so {@link #uri} reaches them. */
    public AdminTestServer(AdminSettings settings) {
        this(List.of(), settings);
    }

    private AdminTestServer(List<PageRoutes> pages, AdminSettings settings) {
        database = Database.inMemory("admin-" + UUID.randomUUID(), clock);
        running = new FakeRunningServer(database.deployments());
        context = new AdminContext(database.deployments(), database.admins(), database.audit(), database.history(),
                database.clients(), database.partners(), running, clock,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        FirstAdmin.ensure(database.admins(), clock, Map.of(FirstAdmin.PASSWORD_ENV, PASSWORD),
                new PrintWriter(new StringWriter()));
        server = AdminServer.start(settings, context,
                Stream.concat(pages.stream(), Stream.of(new TestPages())).toList());
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(http, request);
    }

    public HttpResponse<String> request(String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** An API call with a bearer token and an optional JSON body. */
    public HttpResponse<String> api(String method, String path, String token, String json) {
        return api(method, path, token, json, "application/json");
    }

    /** An API call with a bearer token and an optional body; {@code contentType} null sends none. */
    public HttpResponse<String> api(String method, String path, String token, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    public String token() {
        HttpResponse<String> response = api("POST", "/api/v1/auth/token", null,
                "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response).get("token").asText();
    }

    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String text) {
        try {
            return ApiJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    /** The login form: its CSRF cookie value and hidden field value. */
    public record LoginForm(String cookie, String field) {
    }

    public LoginForm loginForm() {
        HttpResponse<String> page = request("GET", "/login");
        assertThat(page.statusCode()).isEqualTo(200);
        String cookie = cookie(page, "usp_login_csrf").orElseThrow();
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).as("csrf field in %s", page.body()).isTrue();
        return new LoginForm(cookie, m.group(1));
    }

    public HttpResponse<String> postLogin(LoginForm form, String username, String password, String next) {
        return send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "usp_login_csrf=" + form.cookie())
                .POST(HttpRequest.BodyPublishers.ofString(TestHttp.form(Map.of("csrf", form.field(), "username", username,
                        "password", password, "next", next)))));
    }

    /** Logs in as admin and returns the session cookie value. */
    public String login() {
        HttpResponse<String> response = postLogin(loginForm(), "admin", PASSWORD, "/probe");
        assertThat(response.statusCode()).isEqualTo(302);
        return cookie(response, "usp_session").orElseThrow();
    }

    public HttpResponse<String> page(String method, String path, String session, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "usp_session=" + session)
                .method(method, HttpRequest.BodyPublishers.ofString(TestHttp.form(fields))));
    }

    /** The CSRF token of a session, read off the test page. */
    public String csrf(String session) {
        HttpResponse<String> probe = page("GET", "/probe", session, Map.of());
        assertThat(probe.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("csrf=(\\S+)").matcher(probe.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    public static Optional<String> cookie(HttpResponse<String> response, String name) {
        return setCookie(response, name).map(header -> header.substring(name.length() + 1, indexOrEnd(header, ';')));
    }

    /** The whole Set-Cookie header for {@code name}, attributes included. */
    public static Optional<String> setCookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(name + "=")).findFirst();
    }

    private static int indexOrEnd(String text, char c) {
        int i = text.indexOf(c);
        return i < 0 ? text.length() : i;
    }

    @Override
    public void close() {
        server.close();
        database.close();
    }
}
