package io.usp.bench.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local addresses new connections bind to, in turn. Each address has its own range of
 * ephemeral ports, so many short connections (each leaving a TIME_WAIT behind) do not run out of
 * them; on Linux every address of 127.0.0.0/8 is loopback without any setup. No addresses: the
 * kernel chooses.
 */
public final class LocalAddresses {

    private final List<InetAddress> addresses;
    private final AtomicInteger turn = new AtomicInteger();

    public LocalAddresses(List<InetAddress> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    public static LocalAddresses any() {
        return new LocalAddresses(List.of());
    }

    /** The next address with port 0, or null to let the kernel choose. */
    public InetSocketAddress next() {
        if (addresses.isEmpty()) {
            return null;
        }
        return new InetSocketAddress(addresses.get(Math.floorMod(turn.getAndIncrement(), addresses.size())), 0);
    }
}
