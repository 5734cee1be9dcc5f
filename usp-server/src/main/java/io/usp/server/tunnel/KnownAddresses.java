package io.usp.server.tunnel;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Source addresses a client with a valid certificate had a tunnel from, now or lately. The
 * handshake caps keep a share of their slots for these (see {@link HandshakeLimits}), so silent
 * connections from elsewhere cannot lock a known client out. In memory: after a restart an
 * address is known again once one of its clients is back.
 */
public final class KnownAddresses implements Consumer<TunnelConnection> {

    /** How long an address stays known after its last tunnel connection went down. */
    static final Duration REMEMBERED = Duration.ofDays(7);
    /** Addresses kept at most; past it the one seen least lately is forgotten. */
    static final int MAX = 10_000;

    private final Clock clock;
    private final Map<InetAddress, Seen> seen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Seen> eldest) {
            return size() > MAX;
        }
    };

    public KnownAddresses(Clock clock) {
        this.clock = clock;
    }

    /** Remembers where a tunnel connection came from, while it lasts and for a while after. */
    @Override
    public void accept(TunnelConnection connection) {
        if (!(connection.remoteAddress() instanceof InetSocketAddress from)) {
            return; // an embedded channel in tests: no address to keep room for
        }
        InetAddress address = from.getAddress();
        up(address);
        connection.channel().closeFuture().addListener(f -> down(address));
    }

    void up(InetAddress address) {
        update(address, +1);
    }

    void down(InetAddress address) {
        update(address, -1);
    }

    /** True when a client had a tunnel from {@code address} now or in the last {@link #REMEMBERED}. */
    public boolean knows(InetAddress address) {
        synchronized (seen) {
            Seen s = seen.get(address);
            return s != null && (s.live() > 0 || !clock.instant().isAfter(s.last().plus(REMEMBERED)));
        }
    }

    private void update(InetAddress address, int change) {
        synchronized (seen) {
            Seen before = seen.remove(address); // put again below: the most lately seen go last
            int live = before == null ? 0 : before.live();
            seen.put(address, new Seen(Math.max(0, live + change), clock.instant()));
        }
    }

    private record Seen(int live, Instant last) {
    }
}
