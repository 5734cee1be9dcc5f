package io.usp.deployments.route;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a deployment's destination is chosen: one fixed target (relayed, or an FTP session break), or named by the partner in a collection. */
public enum Mode {
    /** One fixed target; the default, so a deployment written before modes existed keeps working. */
    TCP,
    /** A collection whose partners name the destination in an HTTP {@code CONNECT} request. */
    CONNECT,
    /** A collection whose partners name the destination in a SOCKS5 request. */
    SOCKS5,
    /** An FTP session break to one fixed target: the DMZ server ends the partner's session and opens its own. */
    FTP;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean collection() {
        return this == CONNECT || this == SOCKS5;
    }

    public static Mode parse(String text) {
        return Arrays.stream(values()).filter(m -> m.label().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a mode; use one of "
                        + Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", "))));
    }
}
