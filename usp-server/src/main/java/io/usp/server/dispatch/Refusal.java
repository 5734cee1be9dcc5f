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
    /** A collection: no rule matches the destination the partner asked for. */
    NO_RULE,
    /** A collection: the first rule that matches is a {@code block} rule. */
    BLOCKED_BY_RULE,
    /** A collection: the partner's CONNECT or SOCKS5 request did not come within the request timeout. */
    REQUEST_TIMEOUT,
    /** A collection: the partner's credentials are missing or wrong. */
    PARTNER_AUTH,
    NOT_ALLOWED,
    TARGET_REFUSED,
    TARGET_UNREACHABLE,
    TARGET_TIMEOUT,
    /** The client said the stream request was malformed, or a partner's CONNECT or SOCKS5 request was. */
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
