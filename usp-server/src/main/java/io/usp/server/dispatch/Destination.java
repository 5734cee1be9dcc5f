package io.usp.server.dispatch;

import io.usp.deployments.Cidr;
import io.usp.deployments.Target;
import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.route.RuleDecision;
import java.util.List;
import java.util.Optional;

/**
 * Where one partner connection goes once its route has decided.
 *
 * @param client        the client whose tunnel carries it; empty for direct
 * @param rule          the collection rule that decided (from 1); 0 for a fixed target
 * @param requiredCidrs when not empty, the address the target resolves to must lie in one of them
 */
public record Destination(Target target, Optional<String> client, int rule, List<Cidr> requiredCidrs) {

    public Destination {
        requiredCidrs = List.copyOf(requiredCidrs);
    }

    static Destination of(FixedRoute route) {
        return new Destination(route.target(), route.client(), 0, List.of());
    }

    static Destination of(RuleDecision allowed) {
        return new Destination(allowed.destination(), allowed.client(), allowed.rule(), allowed.requiredCidrs());
    }

    /** The client's name, or {@code direct}. */
    public String via() {
        return client.orElse("direct");
    }
}
