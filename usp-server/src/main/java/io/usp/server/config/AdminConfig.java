package io.usp.server.config;

import io.usp.admin.AdminSettings;
import io.usp.deployments.Ports;
import java.time.Duration;

/**
 * The {@code admin:} section: where the admin web UI, REST API, {@code /metrics} and
 * {@code /health} listen.
 *
 * @param enabled false runs the server without the admin server (deployments then come from
 *                server.yaml and the store only)
 * @param bind    local address; the default keeps it on loopback
 * @param port    TCP port; 0 picks a free one (tests)
 * @param https   serve HTTPS with a certificate from the server's CA instead of HTTP
 * @param maxConnectionsPerIp open connections from one address; one more is closed at once
 * @param requestTimeout a request's headers and body must arrive within this
 */
public record AdminConfig(boolean enabled, String bind, int port, boolean https, int maxConnectionsPerIp,
                          Duration requestTimeout) {

    /** Every default of the {@code admin:} section, in one place (the limits' own live with the admin server). */
    public static final AdminConfig DEFAULTS = new AdminConfig(true, "127.0.0.1", 8080, false,
            AdminSettings.DEFAULT_MAX_CONNECTIONS_PER_IP, AdminSettings.DEFAULT_REQUEST_TIMEOUT);
    /** No admin server (tests of the data path). */
    public static final AdminConfig DISABLED = new AdminConfig(false, "127.0.0.1", 0, false,
            AdminSettings.DEFAULT_MAX_CONNECTIONS_PER_IP, AdminSettings.DEFAULT_REQUEST_TIMEOUT);

    public AdminConfig {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("bind is required");
        }
        Ports.require(port, 0);
        if (maxConnectionsPerIp < 1) {
            throw new IllegalArgumentException("maxConnectionsPerIp must be at least 1, got " + maxConnectionsPerIp);
        }
        TunnelConfig.requirePositive(requestTimeout, "requestTimeout");
    }

    public AdminConfig withPort(int newPort) {
        return new AdminConfig(enabled, bind, newPort, https, maxConnectionsPerIp, requestTimeout);
    }
}
