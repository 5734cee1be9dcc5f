package io.usp.server.tunnel;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GenericFutureListener;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The handshake slot one connection holds: given back once, when the TLS handshake completes
 * (either way) or the connection closes, whichever comes first.
 */
final class HandshakeSlot implements GenericFutureListener<Future<Object>> {

    private final HandshakeLimits limits;
    private final InetAddress from;
    private final AtomicBoolean held = new AtomicBoolean(true);

    HandshakeSlot(HandshakeLimits limits, InetAddress from) {
        this.limits = limits;
        this.from = from;
    }

    @Override
    public void operationComplete(Future<Object> done) {
        if (held.compareAndSet(true, false)) {
            limits.release(from);
        }
    }
}
