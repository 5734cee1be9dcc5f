package io.usp.deployments.route;

import io.usp.deployments.Names;
import io.usp.deployments.Target;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Mode {@code tcp}: every partner reaches {@code target}, through {@code client} or, without one, directly. */
public record FixedRoute(Target target, Optional<String> client) implements Route {

    public FixedRoute {
        if (target == null) {
            throw new IllegalArgumentException("target is required");
        }
        client.ifPresent(c -> Names.require(c, "client"));
    }

    public boolean direct() {
        return client.isEmpty();
    }

    @Override
    public String summary() {
        return target.authority() + client.map(c -> " via client " + c).orElse(" (direct)");
    }

    @Override
    public Mode mode() {
        return Mode.TCP;
    }

    @Override
    public <T> T fold(Function<FixedRoute, T> fixed, Function<CollectionRoute, T> collection,
                      Function<FtpRoute, T> ftp) {
        return fixed.apply(this);
    }

    @Override
    public Set<String> clients() {
        return client.map(Set::of).orElse(Set.of());
    }
}
