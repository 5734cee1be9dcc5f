package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The admin REST API through real HTTP, as another tool would call it: a bearer token on every call. */
public final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final String token;

    /** Logs in; fails the test unless the password is right. */
    public AdminApi(String baseUrl, String username, String password) throws Exception {
        this(baseUrl, tokenFrom(login(baseUrl, username, password)));
    }

    private AdminApi(String baseUrl, String token) {
        this.base = withoutSlash(baseUrl);
        this.token = token;
    }

    /** Calls with a token got earlier, e.g. one that should have been withdrawn meanwhile. */
    public static AdminApi withToken(String baseUrl, String token) {
        return new AdminApi(baseUrl, token);
    }

    /** {@code POST /api/v1/auth/token} as it answers: 200 with a token, 401 for a wrong password. */
    public static HttpResponse<String> login(String baseUrl, String username, String password)
            throws IOException, InterruptedException {
        return send(withoutSlash(baseUrl), "POST", "/api/v1/auth/token",
                JSON.createObjectNode().put("username", username).put("password", password).toString(), null);
    }

    public String token() {
        return token;
    }

    /** Sends a call and returns the response; {@code json} may be null. */
    public HttpResponse<String> call(String method, String path, String json) throws Exception {
        return send(base, method, path, json, token);
    }

    /** A call expected to answer {@code status}; returns its JSON body (null when empty). */
    public JsonNode expect(int status, String method, String path, String json) throws Exception {
        return answer(status, method + " " + path, call(method, path, json));
    }

    /** A PATCH with a JSON merge patch (RFC 7396), expected to answer {@code status}. */
    public JsonNode patch(int status, String path, String mergePatch) throws Exception {
        return answer(status, "PATCH " + path,
                send(base, "PATCH", path, mergePatch, token, "application/merge-patch+json"));
    }

    private static JsonNode answer(int status, String call, HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(call + " -> " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private static String tokenFrom(HttpResponse<String> issued) throws IOException {
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        return JSON.readTree(issued.body()).get("token").asText();
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static HttpResponse<String> send(String base, String method, String path, String json, String bearer)
            throws IOException, InterruptedException {
        return send(base, method, path, json, bearer, "application/json");
    }

    private static HttpResponse<String> send(String base, String method, String path, String body, String bearer,
                                             String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
