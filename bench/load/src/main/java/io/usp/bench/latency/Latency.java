package io.usp.bench.latency;

import io.netty.channel.EventLoopGroup;
import io.usp.bench.exchange.EchoClient;
import io.usp.bench.exchange.EchoExchange;
import io.usp.bench.net.Connecting;
import io.usp.bench.net.Route;
import io.usp.bench.push.PushClient;
import io.usp.bench.push.Pusher;
import io.usp.bench.report.Json;
import java.util.concurrent.ExecutionException;

/** Cases 3 and 4: round-trip latency on one connection, optionally beside a bulk stream. */
public final class Latency {

    private Latency() {
    }

    public static LatencyResult run(EventLoopGroup group, LatencySettings settings)
            throws InterruptedException, ExecutionException {
        if (settings.bulk().isEmpty()) {
            return measure(group, settings, null);
        }
        Route sink = settings.bulk().get();
        Pusher bulk = Connecting.to(sink, PushClient.connect(group, sink, Long.MAX_VALUE));
        try {
            return measure(group, settings, bulk);
        } finally {
            bulk.close();
        }
    }

    private static LatencyResult measure(EventLoopGroup group, LatencySettings settings, Pusher bulk)
            throws InterruptedException, ExecutionException {
        EchoExchange exchange = Connecting.to(settings.target(),
                new EchoClient(group, settings.target()).connect(null));
        try {
            long[] window = new long[2]; // bulk bytes and time when the warm-up ended
            LatencyProbe probe = new LatencyProbe(exchange, settings, () -> {
                window[0] = bulk == null ? 0 : bulk.pushed();
                window[1] = System.nanoTime();
            });
            System.err.println("latency: " + settings.warmup() + " + " + settings.count() + " round trips of "
                    + settings.size() + " bytes to " + settings.target()
                    + settings.bulk().map(b -> ", bulk stream to " + b).orElse(""));
            long[] nanos = probe.start().get();
            if (bulk == null) {
                return LatencyResult.of(nanos, null);
            }
            double gbits = (bulk.pushed() - window[0]) * 8.0 / (System.nanoTime() - window[1]);
            // a bulk stream that broke off would make a good latency look like a fair one
            if (bulk.done().isDone() && !bulk.done().isSuccess()) {
                throw new ExecutionException("the bulk stream to " + settings.bulk().get() + " failed during the run",
                        bulk.done().cause());
            }
            return LatencyResult.of(nanos, Json.round(gbits, 3));
        } finally {
            exchange.channel().close().syncUninterruptibly();
        }
    }
}
