package io.usp.deployments.route;

import java.util.Arrays;
import java.util.Locale;

/** What a collection does with a destination its rule matches. */
public enum RuleAction {
    /** Refuse the partner. */
    BLOCK,
    /** The server connects to the destination itself. */
    DIRECT,
    /** A client connects to it, through its tunnel. */
    TUNNEL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RuleAction parse(String text) {
        return Arrays.stream(values()).filter(a -> a.label().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + text
                        + "' is not an action; use block, direct or tunnel"));
    }
}
