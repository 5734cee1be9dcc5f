package io.usp.server.enroll;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.usp.deployments.store.EnrollmentStore;
import io.usp.protocol.pki.CertificateAuthority;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which clients are revoked, in memory so that a handshake can be judged on the event loop
 * without waiting for the store: loaded from the store at start and updated on every revocation.
 * A certificate of a revoked client is refused if it was issued before the revocation (a client
 * added again later gets a newer one). Every tunnel connection is watched, so that revoking its
 * client closes it at once. Revocations are timed by the server's clock and certificates by the
 * CA's, the same wall clock outside tests.
 */
public final class Revocations {

    private static final Logger LOG = LoggerFactory.getLogger(Revocations.class);

    private final Map<String, Instant> revokedAt = new ConcurrentHashMap<>();
    private final Map<String, Set<Channel>> watched = new ConcurrentHashMap<>();

    /** Every revocation in {@code store}; call before the tunnel port opens. */
    public static Revocations load(EnrollmentStore store) {
        Revocations revocations = new Revocations();
        store.revocations().forEach(r -> revocations.revokedAt.put(r.client(), r.revokedAt()));
        return revocations;
    }

    /** True when {@code certificate} of {@code client} was issued no later than the client's last revocation. */
    public boolean refuses(String client, X509Certificate certificate) {
        Instant at = revokedAt.get(client);
        return at != null && !CertificateAuthority.issuedAt(certificate).isAfter(at);
    }

    /** When {@code client} was last revoked, if ever. */
    public Optional<Instant> revokedAt(String client) {
        return Optional.ofNullable(revokedAt.get(client));
    }

    /**
     * Closes {@code channel} if {@code client} is revoked from now on. Call before
     * {@link #refuses}, so that a revocation racing the handshake is caught by one or the other.
     */
    public void watch(String client, Channel channel) {
        watched.computeIfAbsent(client, c -> ConcurrentHashMap.newKeySet()).add(channel);
        channel.closeFuture().addListener(f -> watched.computeIfPresent(client, (c, set) -> {
            set.remove(channel);
            return set.isEmpty() ? null : set;
        }));
    }

    /**
     * Revokes {@code client} at {@code at}: stores it (audited with {@code actor}), refuses its
     * certificates from now on and closes its tunnel connections at once. Holds this object's
     * lock, as enrollment and renewal do while they check and issue, so that no certificate can
     * be issued to a client in the middle of its revocation and outlive it.
     */
    public synchronized int revoke(EnrollmentStore store, String client, Instant at, String actor) {
        store.revoke(client, at, actor);
        return revoked(client, at);
    }

    /**
     * Takes in what the store holds that this server has not seen: a revocation made through
     * another server on the same database. Its client's tunnels here close as if revoked here.
     */
    public synchronized void refresh(EnrollmentStore store) {
        for (EnrollmentStore.Revocation r : store.revocations()) {
            Instant known = revokedAt.get(r.client());
            if (known == null || r.revokedAt().isAfter(known)) {
                revoked(r.client(), r.revokedAt());
            }
        }
    }

    /**
     * No GOAWAY and no draining: a revoked client must not move another byte, so the socket is
     * closed under every handler.
     */
    private int revoked(String client, Instant at) {
        revokedAt.merge(client, at, (a, b) -> a.isAfter(b) ? a : b);
        Set<Channel> channels = watched.getOrDefault(client, Set.of());
        for (Channel channel : channels) {
            channel.eventLoop().execute(() -> {
                ChannelHandlerContext first = channel.pipeline().firstContext();
                if (first != null) {
                    first.close(); // closes from the head: skips the HTTP/2 graceful shutdown
                } else {
                    channel.close();
                }
            });
        }
        LOG.info("client {} revoked: closing its {} tunnel connection(s)", client, channels.size());
        return channels.size();
    }
}
