package io.usp.bench.net;

import io.netty.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/** Waits for the one connection a measurement cannot do without, and names it when it fails. */
public final class Connecting {

    private Connecting() {
    }

    public static <T> T to(Route route, Future<T> connect) throws InterruptedException, ExecutionException {
        return to(route.toString(), connect);
    }

    public static <T> T to(Endpoint endpoint, Future<T> connect) throws InterruptedException, ExecutionException {
        return to(endpoint.toString(), connect);
    }

    private static <T> T to(String where, Future<T> connect) throws InterruptedException, ExecutionException {
        try {
            return connect.get();
        } catch (ExecutionException e) {
            throw new ExecutionException("cannot connect to " + where, e.getCause());
        }
    }
}
