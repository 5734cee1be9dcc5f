package io.usp.deployments;

import java.time.Duration;
import java.util.Optional;

/**
 * One named unit of config: listener + IP filter + limits + target + (optional) client.
 * With no client the deployment is direct: the server connects to the target itself.
 */
public record Deployment(String name, Listener listener, IpFilter ipFilter, Limits limits, Target target,
                         Optional<String> client, Duration idleTimeout) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofHours(1);

    public Deployment {
        Names.require(name, "name");
        client.ifPresent(c -> Names.require(c, "client"));
        if (listener == null || ipFilter == null || limits == null || target == null) {
            throw new IllegalArgumentException("listener, ipFilter, limits and target are required");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
    }

    public boolean direct() {
        return client.isEmpty();
    }
}
