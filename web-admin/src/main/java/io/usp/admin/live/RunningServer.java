package io.usp.admin.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All the admin app sees of the running server (the server implements it and wires it in its
 * {@code main}). The desired state lives in the store; after every change the app calls
 * {@link #deploymentsChanged()} and the server re-reads the store and reconciles its listeners.
 */
public interface RunningServer {

    /** The store changed: re-read it and reconcile the listeners (returns once applied). */
    void deploymentsChanged();

    /** One entry per stored deployment, sorted by name. */
    List<DeploymentStatus> deployments();

    Optional<DeploymentStatus> deployment(String name);

    /** Starts the listener of an enabled deployment (also a manual one); false when there is no such deployment. */
    boolean start(String deployment, String actor);

    /** Stops its listener and closes its connections, logged with the actor; false when there is no such deployment. */
    boolean stop(String deployment, String actor);

    /** Clients with at least one tunnel connection up, sorted by name. */
    List<ConnectedClient> connectedClients();

    /** Open partner connections, oldest first. */
    List<LiveConnection> connections();

    /** Closes one partner connection, logged with the actor; false when it is no longer open. */
    boolean closeConnection(long id, String actor);

    /** Server-wide counters since start. */
    Totals totals();

    enum State {
        /** Listening. */
        RUNNING,
        /** Not listening: manual start mode not started yet, or stopped by an admin. */
        STOPPED,
        /** Kept but never listens. */
        DISABLED,
        /** Should listen but the bind failed; {@link DeploymentStatus#error()} says why. */
        FAILED
    }

    /**
     * @param port     the bound port while RUNNING
     * @param error    why the last bind failed (FAILED)
     * @param refused  refusals since start by reason label, e.g. {@code ip-filter}; reasons with none are left out
     */
    record DeploymentStatus(String name, State state, Optional<Integer> port, Optional<String> error,
                            int openConnections, long accepted, Map<String, Long> refused, long bytesFromPartners,
                            long bytesToPartners) {
    }

    /** One TLS connection of a client's tunnel. */
    record TunnelConnectionInfo(String remoteAddress, Instant since, int openStreams) {
    }

    record ConnectedClient(String name, List<TunnelConnectionInfo> tunnelConnections) {
    }

    /** @param via the client's name, or {@code direct} */
    record LiveConnection(long id, String deployment, String partner, String target, String via, Instant openedAt,
                          long bytesFromPartner, long bytesToPartner) {
    }

    record Totals(int clientsConnected, int tunnelConnections, int openConnections, long accepted,
                  Map<String, Long> refusedByReason, long bytesFromPartners, long bytesToPartners) {
    }
}
