package io.usp.server.tunnel;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Caps connections still in the TLS handshake on the tunnel port, server-wide and per source
 * address. A handshake costs the server a key exchange and a slot for up to the handshake
 * timeout before anything is authenticated; without a cap, a host that opens connections and
 * never finishes them holds those slots and that memory for free. A quarter of the server-wide
 * slots is kept for addresses a client connected from lately, so that silent connections from
 * elsewhere, however many addresses they come from, cannot lock those clients out. Shared by
 * every event loop.
 */
public final class HandshakeLimits {

    /** Which cap refused a connection. */
    public enum Cap {
        SERVER("maxHandshakes"),
        ADDRESS("maxHandshakesPerIp");

        private final String setting;

        Cap(String setting) {
            this.setting = setting;
        }

        /** The {@code tunnel:} key that sets this cap. */
        public String setting() {
            return setting;
        }
    }

    private final int max;
    private final int maxForUnknown;
    private final int maxPerAddress;
    private final Predicate<InetAddress> known;
    private final AtomicInteger inProgress = new AtomicInteger();
    private final Map<InetAddress, Integer> byAddress = new ConcurrentHashMap<>();
    private final Map<Cap, LongAdder> refused = Map.of(Cap.SERVER, new LongAdder(), Cap.ADDRESS, new LongAdder());

    /** {@code known}: whether a client connected from an address lately (e.g. {@link KnownAddresses}). */
    public HandshakeLimits(int max, int maxPerAddress, Predicate<InetAddress> known) {
        this.max = max;
        this.maxForUnknown = max - reserved(max);
        this.maxPerAddress = maxPerAddress;
        this.known = known;
    }

    /** Slots only addresses a client connected from lately may take: a quarter (none when {@code max} < 4). */
    public static int reserved(int max) {
        return max / 4;
    }

    /** Takes a slot for a handshake from {@code from}, or says which cap refuses it (and counts that). */
    Optional<Cap> tryAcquire(InetAddress from) {
        if (inProgress.incrementAndGet() > (known.test(from) ? max : maxForUnknown)) {
            inProgress.decrementAndGet();
            return refuse(Cap.SERVER);
        }
        boolean[] admitted = {false};
        byAddress.compute(from, (a, n) -> {
            int current = n == null ? 0 : n;
            if (current >= maxPerAddress) {
                return n;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            inProgress.decrementAndGet();
            return refuse(Cap.ADDRESS);
        }
        return Optional.empty();
    }

    /** Gives back the slot of a handshake that finished, failed or whose connection closed. */
    void release(InetAddress from) {
        byAddress.computeIfPresent(from, (a, n) -> n <= 1 ? null : n - 1);
        inProgress.decrementAndGet();
    }

    /** Connections in the TLS handshake right now. */
    public int inProgress() {
        return inProgress.get();
    }

    /** Connections in the TLS handshake from {@code from} right now. */
    public int inProgress(InetAddress from) {
        return byAddress.getOrDefault(from, 0);
    }

    /** Connections refused by {@code cap} since the server started. */
    public long refused(Cap cap) {
        return refused.get(cap).sum();
    }

    private Optional<Cap> refuse(Cap cap) {
        refused.get(cap).increment();
        return Optional.of(cap);
    }
}
