package io.usp.admin.limits;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.util.IO;

/**
 * Caps the open connections from one source address on a connector: one more is closed as it is
 * accepted, before a byte is read, so one address cannot take the threads and sockets others need.
 * Jetty's own {@code NetworkConnectionLimit} counts all addresses together; this one counts each.
 */
public final class ConnectionsPerAddress implements SelectorManager.AcceptListener {

    private final int max;
    private final RefusalLog refusals;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<SelectableChannel, InetAddress> counted = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int max, RefusalLog refusals) {
        this.max = max;
        this.refusals = refusals;
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        InetAddress address;
        try {
            address = ((InetSocketAddress) ((SocketChannel) channel).getRemoteAddress()).getAddress();
        } catch (IOException e) {
            // the peer is gone already: nothing to count, Jetty's accept then fails on the closed channel
            IO.close(channel);
            return;
        }
        counted.put(channel, address);
        if (open.merge(address, 1, Integer::sum) > max) {
            refusals.refused(address, Refusal.TOO_MANY_CONNECTIONS);
            // Jetty then fails the accept and calls onAcceptFailed, which gives the slot back
            IO.close(channel);
        }
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        release(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        release(channel);
    }

    private void release(SelectableChannel channel) {
        InetAddress address = counted.remove(channel);
        if (address != null) {
            open.computeIfPresent(address, (a, n) -> n == 1 ? null : n - 1);
        }
    }
}
