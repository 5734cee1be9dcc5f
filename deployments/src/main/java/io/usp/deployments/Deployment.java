package io.usp.deployments;

import java.time.Duration;
import java.util.Optional;

/**
 * One named unit of config: listener + IP filter + limits + target + (optional) client.
 * With no client the deployment is direct: the server connects to the target itself.
 *
 * @param ipFilter     the rules applied to partners (resolved, also when they come from a named filter)
 * @param ipFilterName the named filter the rules come from; empty for an inline filter or none
 * @param startMode    whether the listener starts with the server or only when an admin starts it
 * @param enabled      a disabled deployment is kept but never listens
 */
public record Deployment(String name, Listener listener, IpFilter ipFilter, Limits limits, Target target,
                         Optional<String> client, Duration idleTimeout, Optional<String> ipFilterName,
                         StartMode startMode, boolean enabled) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

    public Deployment {
        Names.require(name, "name");
        client.ifPresent(c -> Names.require(c, "client"));
        ipFilterName.ifPresent(f -> Names.require(f, "ipFilter"));
        if (listener == null || ipFilter == null || limits == null || target == null || startMode == null) {
            throw new IllegalArgumentException("listener, ipFilter, limits, target and startMode are required");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    /** An enabled deployment that starts with the server and has an inline filter (or none). */
    public Deployment(String name, Listener listener, IpFilter ipFilter, Limits limits, Target target,
                      Optional<String> client, Duration idleTimeout) {
        this(name, listener, ipFilter, limits, target, client, idleTimeout, Optional.empty(), StartMode.AUTO, true);
    }

    public boolean direct() {
        return client.isEmpty();
    }

    /** The same deployment using {@code filter}'s current rules. */
    public Deployment withFilter(NamedIpFilter filter) {
        return new Deployment(name, listener, filter.filter(), limits, target, client, idleTimeout,
                Optional.of(filter.name()), startMode, enabled);
    }
}
