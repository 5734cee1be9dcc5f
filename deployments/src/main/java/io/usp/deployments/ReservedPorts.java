package io.usp.deployments;

import java.util.Map;
import java.util.Optional;

/**
 * Ports the server itself listens on (the tunnel port, the admin port), which no deployment's
 * listener may take, wherever the deployment comes from: server.yaml, the admin UI, the API or
 * an import.
 *
 * @param owners by port, what the port is, e.g. "the admin server's port (admin.port)"
 */
public record ReservedPorts(Map<Integer, String> owners) {

    /** Nothing reserved: tools that run beside the server, and tests of the store alone. */
    public static final ReservedPorts NONE = new ReservedPorts(Map.of());

    public ReservedPorts {
        owners = Map.copyOf(owners);
    }

    /** What holds {@code port}, when the server needs it itself; port 0 (any free one) never clashes. */
    public Optional<String> owner(int port) {
        return port == 0 ? Optional.empty() : Optional.ofNullable(owners.get(port));
    }

    /** The refusal for a deployment whose listener is on a reserved port, or empty. */
    public Optional<String> refusal(Listener listener) {
        return owner(listener.port()).map(owner -> "port " + listener.port() + " is " + owner
                + ", which the server needs itself: choose another listener.port");
    }
}
