package io.usp.bench.rate;

import io.netty.channel.EventLoopGroup;
import io.usp.bench.exchange.EchoClient;
import io.usp.bench.exchange.EchoExchange;
import io.usp.bench.report.Errors;
import io.usp.bench.report.Json;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/** Case 5: how many short connections a second the path sets up, relays and tears down. */
public final class ConnectionRate {

    private ConnectionRate() {
    }

    public static RateResult run(EventLoopGroup group, RateSettings settings) throws InterruptedException {
        EchoClient client = new EchoClient(group, settings.route());
        LongAdder completed = new LongAdder();
        Errors errors = new Errors();
        CountDownLatch finished = new CountDownLatch(settings.workers());
        System.err.println("rate: " + settings.workers() + " workers for " + settings.duration().toSeconds()
                + " s to " + settings.route());
        long start = System.nanoTime();
        long deadline = start + settings.duration().toNanos();
        for (int i = 0; i < settings.workers(); i++) {
            new RateWorker(client, settings, deadline, group.next(), completed, errors, finished).cycle();
        }
        // a step in flight at the deadline ends within its timeouts (connect, then echo)
        long grace = TimeUnit.SECONDS.toNanos(3 * EchoExchange.TIMEOUT_SECONDS);
        if (!finished.await(settings.duration().toNanos() + grace, TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("rate: workers still busy long after the deadline");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new RateResult(Json.round(completed.sum() / seconds, 1), completed.sum(), errors.count(),
                errors.first());
    }
}
