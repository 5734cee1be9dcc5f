package io.usp.deployments;

import java.net.InetAddress;
import java.util.List;

/**
 * The targets a client agrees to reach. Deny by default: an empty list permits nothing, so a
 * compromised server cannot make the client connect anywhere it likes.
 */
public record AllowList(List<AllowRule> rules) {

    public static final AllowList NOTHING = new AllowList(List.of());

    public AllowList {
        rules = List.copyOf(rules);
    }

    /** Whether the name alone already matches, so no DNS lookup is needed to decide. */
    public boolean permitsByName(String host, int port) {
        return permits(host, port, null);
    }

    public boolean permits(String host, int port, InetAddress resolved) {
        return rules.stream().anyMatch(r -> r.permits(host, port, resolved));
    }
}
