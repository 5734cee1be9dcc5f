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

    /**
     * Adds a client: a one-time enrollment token for {@code name}, audited with {@code actor}. The
     * token's text is shown to the admin once and never stored. A client revoked before may be
     * added again: it enrolls afresh, and its old certificates stay refused. An invalid name is
     * an {@link IllegalArgumentException}.
     */
    NewClient addClient(String name, String actor);

    /**
     * Revokes a client, audited with {@code actor}: its tunnel connections close at once, its
     * certificates and unused tokens are refused from now on (also after a restart). False when
     * no client of that name was ever added, seen or revoked.
     */
    boolean revokeClient(String name, String actor);

    /** Clients with an unused enrollment token or a revocation, sorted by name. */
    List<ClientEnrollment> enrollments();

    /** The servers sharing this server's database (this one too), sorted by name. */
    List<PeerServer> servers();

    /**
     * A server of the cluster as the registry has it.
     *
     * @param live whether its heartbeat is recent
     * @param self whether it is the server answering
     */
    record PeerServer(String name, String peerAddress, Instant startedAt, Instant heartbeatAt, boolean live,
                      boolean self) {
    }

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

    /** A new client's enrollment token (the text: {@code usp1.…}) and when it expires. */
    record NewClient(String name, String token, Instant expiresAt) {

        /** Never prints the token. */
        @Override
        public String toString() {
            return "NewClient[name=" + name + ", token=MASKED, expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * @param tokenExpiresAt when the newest unused token for this client expires, if there is one
     * @param revokedAt      when the client was last revoked, if ever
     */
    record ClientEnrollment(String name, Optional<Instant> tokenExpiresAt, Optional<Instant> revokedAt,
                            Optional<String> revokedBy) {
    }

    record Totals(int clientsConnected, int tunnelConnections, int openConnections, long accepted,
                  Map<String, Long> refusedByReason, long bytesFromPartners, long bytesToPartners) {
    }
}
