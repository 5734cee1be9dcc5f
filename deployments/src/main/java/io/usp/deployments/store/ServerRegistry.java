package io.usp.deployments.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The servers sharing this database: each says it is alive (a heartbeat) with where clients
 * reach its tunnel port, and removes itself when it stops. One of a single server on H2 holds
 * that server alone.
 */
public interface ServerRegistry {

    /** A server as it last said it was alive. */
    record RegisteredServer(String name, String peerAddress, Instant startedAt, Instant heartbeatAt) {

        /** Whether its heartbeat is at most {@code within} old at {@code now}. */
        public boolean live(Instant now, Duration within) {
            return !heartbeatAt.isBefore(now.minus(within));
        }
    }

    /** Records {@code server}'s heartbeat, registering it if it is not there yet. */
    void heartbeat(RegisteredServer server);

    /** Every registered server, by name. */
    List<RegisteredServer> servers();

    /** {@code name} leaves: it stopped. */
    void leave(String name);
}
