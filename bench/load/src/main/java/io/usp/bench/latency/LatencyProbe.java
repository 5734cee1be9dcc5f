package io.usp.bench.latency;

import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.usp.bench.exchange.EchoExchange;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The round trips of one run, each started from the previous one's completion on the
 * connection's own event loop, so no thread hand-off is measured.
 */
final class LatencyProbe {

    private final EchoExchange exchange;
    private final LatencySettings settings;
    private final Runnable onMeasuring;
    private final long[] nanos;
    private int done;
    private Promise<long[]> result;

    /** @param onMeasuring runs on the event loop when the warm-up is over, before the first recorded trip */
    LatencyProbe(EchoExchange exchange, LatencySettings settings, Runnable onMeasuring) {
        this.exchange = exchange;
        this.settings = settings;
        this.onMeasuring = onMeasuring;
        this.nanos = new long[settings.count()];
    }

    /** Completes with the recorded round trips in nanoseconds, or with the first failure. */
    Future<long[]> start() {
        result = exchange.channel().eventLoop().newPromise();
        exchange.channel().eventLoop().execute(this::next);
        return result;
    }

    private void next() {
        if (done == settings.warmup()) {
            onMeasuring.run();
        }
        if (done == settings.warmup() + settings.count()) {
            result.setSuccess(nanos);
            return;
        }
        byte[] payload = new byte[settings.size()];
        ThreadLocalRandom.current().nextBytes(payload);
        exchange.send(payload).addListener((Future<Long> trip) -> {
            if (!trip.isSuccess()) {
                result.tryFailure(trip.cause());
                return;
            }
            if (done >= settings.warmup()) {
                nanos[done - settings.warmup()] = trip.getNow();
            }
            done++;
            next();
        });
    }
}
