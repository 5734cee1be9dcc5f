package io.usp.bench.net;

import io.netty.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/** Waits for the one connection a measurement cannot do without, and names it when it fails. */
public final class Connecting {

    private Connecting() {
    }

    public static <T> T to(Endpoint endpoint, Future<T> connect) throws InterruptedException, ExecutionException {
        try {
            return connect.get();
        } catch (ExecutionException e) {
            throw new ExecutionException("cannot connect to " + endpoint, e.getCause());
        }
    }
}
