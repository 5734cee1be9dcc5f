package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged server's admin API as a script would use it: the first password, a token, JSON requests. */
final class AdminHttp {

    private static final Pattern PASSWORD = Pattern.compile("Created admin user 'admin' with password: (\\S+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminHttp() {
    }

    /** The generated first password the server printed. */
    static String generatedPassword(JarProcess server) {
        Matcher generated = PASSWORD.matcher(server.stdout());
        assertThat(generated.find()).as(server.transcript()).isTrue();
        return generated.group(1);
    }

    static String token(String base, String password) throws Exception {
        HttpResponse<String> issued = send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"admin\", \"password\": \"" + password + "\"}")));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(issued.body());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static HttpResponse<String> get(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    static HttpResponse<String> post(String url, String token, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
