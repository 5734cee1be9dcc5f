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
final class AdminApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String token;

    AdminApi(String baseUrl, String username, String password) throws Exception {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpResponse<String> issued = send("POST", "/api/v1/auth/token",
                JSON.createObjectNode().put("username", username).put("password", password).toString(), null);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        this.token = JSON.readTree(issued.body()).get("token").asText();
    }

    /** Sends a call and returns the response; {@code json} may be null. */
    HttpResponse<String> call(String method, String path, String json) throws Exception {
        return send(method, path, json, token);
    }

    /** A call expected to answer {@code status}; returns its JSON body (null when empty). */
    JsonNode expect(int status, String method, String path, String json) throws Exception {
        return answer(status, method + " " + path, call(method, path, json));
    }

    /** A PATCH with a JSON merge patch (RFC 7396), expected to answer {@code status}. */
    JsonNode patch(int status, String path, String mergePatch) throws Exception {
        return answer(status, "PATCH " + path,
                send("PATCH", path, mergePatch, token, "application/merge-patch+json"));
    }

    private static JsonNode answer(int status, String call, HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(call + " -> " + response.body()).isEqualTo(status);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String json, String bearer)
            throws IOException, InterruptedException {
        return send(method, path, json, bearer, "application/json");
    }

    private HttpResponse<String> send(String method, String path, String body, String bearer, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
