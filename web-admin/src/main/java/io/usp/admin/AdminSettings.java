package io.usp.admin;

import io.usp.admin.tls.TlsFiles;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the admin server listens ({@code admin: { bind, port }} in server.yaml), whether it
 * speaks HTTPS, and how much one source address may take of it.
 *
 * @param https               certificate and key to serve HTTPS with; empty serves plain HTTP
 * @param maxConnectionsPerIp open connections from one address; one more is closed at once
 * @param requestTimeout      a request's headers and body must arrive within this, counted from its
 *                            first byte; later, the connection is closed
 */
public record AdminSettings(String bind, int port, Optional<TlsFiles> https, int maxConnectionsPerIp,
                            Duration requestTimeout) {

    /** A browser opens about six connections per host; this leaves room for a few admins behind one NAT. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 32;
    /** Admin requests are small; even a YAML import over a slow VPN arrives well within this. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

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
        if (maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("admin.maxConnectionsPerIp must be at least 1, got "
                    + maxConnectionsPerIp);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("admin.requestTimeout must be positive");
        }
    }

    /** With the default limits. */
    public AdminSettings(String bind, int port, Optional<TlsFiles> https) {
        this(bind, port, https, DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_REQUEST_TIMEOUT);
    }

    public String scheme() {
        return https.isPresent() ? "https" : "http";
    }
}
