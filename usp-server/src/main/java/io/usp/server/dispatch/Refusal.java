package io.usp.server.dispatch;

import io.usp.protocol.StreamError;

/** Why a partner connection was closed before (or instead of) reaching its target. */
public enum Refusal {
    IP_FILTER,
    SERVER_LIMIT,
    LISTENER_LIMIT,
    IP_LIMIT,
    IP_RATE,
    NO_CLIENT,
    NOT_ALLOWED,
    TARGET_REFUSED,
    TARGET_UNREACHABLE,
    TARGET_TIMEOUT,
    BAD_REQUEST,
    TUNNEL_LOST,
    NO_ANSWER;

    /** The name used in logs and metrics, e.g. {@code no-client}. */
    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Refusal of(StreamError error) {
        return switch (error) {
            case NOT_ALLOWED -> NOT_ALLOWED;
            case REFUSED -> TARGET_REFUSED;
            case UNREACHABLE -> TARGET_UNREACHABLE;
            case TIMEOUT -> TARGET_TIMEOUT;
            case BAD_REQUEST -> BAD_REQUEST;
        };
    }
}
