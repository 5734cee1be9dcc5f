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
        HttpResponse<String> response = call(method, path, json);
        assertThat(response.statusCode()).as(method + " " + path + " -> " + response.body()).isEqualTo(status);
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
