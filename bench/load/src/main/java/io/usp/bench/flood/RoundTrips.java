package io.usp.bench.flood;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.usp.bench.exchange.EchoExchange;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sequential round trips on one connection, each started from the previous one's completion on
 * the connection's event loop, recorded from {@link #record} until the round trip under way when
 * {@link #stop} is called has come back: the stall the flood causes last is counted too.
 */
final class RoundTrips {

    private final EchoExchange exchange;
    private final int size;
    private long[] nanos = new long[1 << 16];
    private int count;
    private boolean recording;
    private volatile boolean stopping;
    private Promise<long[]> result;

    RoundTrips(EchoExchange exchange, int size) {
        this.exchange = exchange;
        this.size = size;
    }

    /** {@code warmup} round trips, not recorded; completes when they are done. */
    Future<long[]> warmUp(int warmup) {
        return begin(warmup);
    }

    /** Records round trips until {@link #stop}; completes with them in nanoseconds, or the first failure. */
    Future<long[]> record() {
        recording = true;
        return begin(Integer.MAX_VALUE);
    }

    void stop() {
        stopping = true;
    }

    private Future<long[]> begin(int trips) {
        result = exchange.channel().eventLoop().newPromise();
        count = 0;
        exchange.channel().eventLoop().execute(() -> next(trips));
        return result;
    }

    private void next(int left) {
        if (left == 0 || stopping) {
            result.setSuccess(Arrays.copyOf(nanos, count));
            return;
        }
        byte[] payload = new byte[size];
        ThreadLocalRandom.current().nextBytes(payload);
        exchange.send(payload).addListener((Future<Long> trip) -> {
            if (!trip.isSuccess()) {
                result.tryFailure(trip.cause());
                return;
            }
            if (recording) {
                if (count == nanos.length) {
                    nanos = Arrays.copyOf(nanos, 2 * count);
                }
                nanos[count++] = trip.getNow();
            }
            next(left - 1);
        });
    }
}
