package io.usp.deployments;

import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.route.Route;
import java.time.Duration;
import java.util.Optional;

/**
 * One named unit of config: listener + IP filter + limits + route. The route says how a
 * partner's destination is chosen: one fixed target (mode {@code tcp}) or a collection's rules.
 *
 * @param ipFilter     the rules applied to partners (resolved, also when they come from a named filter)
 * @param ipFilterName the named filter the rules come from; empty for an inline filter or none
 * @param startMode    whether the listener starts with the server or only when an admin starts it
 * @param enabled      a disabled deployment is kept but never listens
 */
public record Deployment(String name, Listener listener, IpFilter ipFilter, Limits limits, Route route,
                         Duration idleTimeout, Optional<String> ipFilterName,
                         StartMode startMode, boolean enabled) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

    public Deployment {
        Names.require(name, "name");
        ipFilterName.ifPresent(f -> Names.require(f, "ipFilter"));
        if (listener == null || ipFilter == null || limits == null || route == null || startMode == null) {
            throw new IllegalArgumentException("listener, ipFilter, limits, route and startMode are required");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    /** An enabled deployment that starts with the server and has an inline filter (or none). */
    public Deployment(String name, Listener listener, IpFilter ipFilter, Limits limits, Route route,
                      Duration idleTimeout) {
        this(name, listener, ipFilter, limits, route, idleTimeout, Optional.empty(), StartMode.AUTO, true);
    }

    /** Like {@link #Deployment(String, Listener, IpFilter, Limits, Route, Duration)} with a fixed target (mode {@code tcp}). */
    public Deployment(String name, Listener listener, IpFilter ipFilter, Limits limits, Target target,
                      Optional<String> client, Duration idleTimeout) {
        this(name, listener, ipFilter, limits, new FixedRoute(target, client), idleTimeout);
    }

    /** The same deployment on {@code other} (a server's own bind address instead of the deployment's). */
    public Deployment withListener(Listener other) {
        return new Deployment(name, other, ipFilter, limits, route, idleTimeout, ipFilterName, startMode, enabled);
    }

    /** The same deployment using {@code filter}'s current rules. */
    public Deployment withFilter(NamedIpFilter filter) {
        return new Deployment(name, listener, filter.filter(), limits, route, idleTimeout,
                Optional.of(filter.name()), startMode, enabled);
    }
}
