package io.usp.deployments;

import java.util.OptionalInt;

/**
 * Caps on one listener's partner connections. An empty value means no cap of that kind
 * (the server-wide limit still applies).
 */
public record Limits(OptionalInt maxConnections, OptionalInt maxConnectionsPerIp,
                     OptionalInt newConnectionsPerSecondPerIp) {

    public static final Limits NONE = new Limits(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty());

    public Limits {
        requirePositive(maxConnections, "maxConnections");
        requirePositive(maxConnectionsPerIp, "maxConnectionsPerIp");
        requirePositive(newConnectionsPerSecondPerIp, "newConnectionsPerSecondPerIp");
    }

    private static void requirePositive(OptionalInt value, String field) {
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, got " + value.getAsInt());
        }
    }
}
