package io.usp.admin;

import io.usp.admin.tls.TlsFiles;
import java.util.Optional;

/**
 * Where the admin server listens ({@code admin: { bind, port }} in server.yaml) and whether it
 * speaks HTTPS.
 *
 * @param https certificate and key to serve HTTPS with; empty serves plain HTTP
 */
public record AdminSettings(String bind, int port, Optional<TlsFiles> https) {

    /** Loopback only: the admin UI is reachable from elsewhere only when an operator says so. */
    public static final AdminSettings DEFAULTS = new AdminSettings("127.0.0.1", 8080, Optional.empty());

    public AdminSettings {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("admin.bind is required");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("admin.port " + port + " is outside 0..65535");
        }
        if (https == null) {
            throw new IllegalArgumentException("admin https must be given (empty for plain HTTP)");
        }
    }

    public String scheme() {
        return https.isPresent() ? "https" : "http";
    }
}
