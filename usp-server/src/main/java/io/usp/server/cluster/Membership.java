package io.usp.server.cluster;

import io.usp.deployments.store.ServerRegistry;
import io.usp.deployments.store.ServerRegistry.RegisteredServer;
import io.usp.deployments.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This server in the registry of the servers sharing its database: registered at start, a
 * heartbeat every {@link #BEAT}, gone from it at stop. A server whose heartbeat is older than
 * {@link #LIVE} is taken for gone. In a cluster, a name another live server holds with another
 * peer address is refused at start: two servers of one name would pass for one.
 */
public final class Membership implements AutoCloseable {

    public static final Duration BEAT = Duration.ofSeconds(5);
    public static final Duration LIVE = BEAT.multipliedBy(3);
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    private final ServerRegistry registry;
    private final Clock clock;
    private final RegisteredServer self;
    private final ScheduledExecutorService beats;
    private boolean failing;

    private Membership(ServerRegistry registry, Clock clock, RegisteredServer self) {
        this.registry = registry;
        this.clock = clock;
        this.self = self;
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "usp-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Registers {@code name} at {@code peerAddress} and starts its heartbeat; in a {@code cluster},
     * a live server of the same name elsewhere is refused. A server of its own database is alone
     * in it: rows of other names are its own under an earlier name, and go.
     */
    public static Membership join(ServerRegistry registry, String name, String peerAddress, boolean cluster,
                                  Clock clock) {
        Instant now = clock.instant();
        for (RegisteredServer other : registry.servers()) {
            if (!cluster && !other.name().equals(name)) {
                registry.leave(other.name()); // this server under an earlier host name
                continue;
            }
            boolean elsewhere = other.name().equals(name) && !other.peerAddress().equals(peerAddress);
            if (cluster && elsewhere && other.live(now, LIVE)) {
                throw new IllegalStateException("server.name: '" + name + "' is the name of a live server of this"
                        + " cluster at " + other.peerAddress() + " (heartbeat " + other.heartbeatAt()
                        + "); give each server a name of its own");
            }
        }
        Membership m = new Membership(registry, clock, new RegisteredServer(name, peerAddress, now, now));
        registry.heartbeat(m.self);
        m.beats.scheduleWithFixedDelay(m::beat, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("server registered name={} peerAddress={}", name, peerAddress);
        return m;
    }

    public String name() {
        return self.name();
    }

    /** Every registered server with whether it is live now. */
    public List<RegisteredServer> servers() {
        return registry.servers();
    }

    public boolean live(RegisteredServer server) {
        return server.live(clock.instant(), LIVE);
    }

    private void beat() {
        try {
            registry.heartbeat(new RegisteredServer(self.name(), self.peerAddress(), self.startedAt(),
                    clock.instant()));
            if (failing) {
                failing = false;
                LOG.info("server heartbeat written again name={}", self.name());
            }
        } catch (StoreException e) {
            if (!failing) {
                failing = true; // once per outage: the next beat tries again
                LOG.warn("server heartbeat not written name={} reason=\"{}\"", self.name(), e.getMessage());
            }
        }
    }

    /** Stops the heartbeat and leaves the registry (if the database is reachable; else the heartbeat ages out). */
    @Override
    public void close() {
        beats.shutdownNow();
        try {
            registry.leave(self.name());
        } catch (StoreException e) {
            LOG.warn("server could not leave the registry name={} reason=\"{}\"; its heartbeat ages out",
                    self.name(), e.getMessage());
        }
    }
}
