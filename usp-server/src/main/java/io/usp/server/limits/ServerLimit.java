package io.usp.server.limits;

import java.util.concurrent.atomic.AtomicInteger;

/** The server-wide cap on open partner connections, shared by every listener. */
public final class ServerLimit {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public ServerLimit(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    void release() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }
}
