package io.usp.protocol;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;

/** Why a client refused to open a stream to a target. Crosses the tunnel as status + {@code usp-error}. */
public enum StreamError {
    /** The target is outside the client's allow-list. */
    NOT_ALLOWED(HttpResponseStatus.FORBIDDEN),
    /** The target actively refused the connection. */
    REFUSED(HttpResponseStatus.BAD_GATEWAY),
    /** The target's name did not resolve or its network is unreachable. */
    UNREACHABLE(HttpResponseStatus.BAD_GATEWAY),
    /** The target did not answer within the client's connect timeout. */
    TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT),
    /** The stream request itself was malformed. */
    BAD_REQUEST(HttpResponseStatus.BAD_REQUEST);

    private final HttpResponseStatus status;

    StreamError(HttpResponseStatus status) {
        this.status = status;
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** The header value, e.g. {@code not-allowed}. */
    public String wireName() {
        return name().toLowerCase().replace('_', '-');
    }

    /** Reads a header value back; an unknown or missing value maps to {@code fallback}. */
    public static StreamError fromWire(CharSequence value, StreamError fallback) {
        if (value == null) {
            return fallback;
        }
        String s = value.toString();
        return Arrays.stream(values()).filter(e -> e.wireName().equals(s)).findFirst().orElse(fallback);
    }
}
