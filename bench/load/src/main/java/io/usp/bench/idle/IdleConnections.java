package io.usp.bench.idle;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.usp.bench.exchange.EchoClient;
import io.usp.bench.exchange.EchoExchange;
import io.usp.bench.memory.OpenFileLimit;
import io.usp.bench.memory.Rss;
import io.usp.bench.net.Route;
import io.usp.bench.report.Errors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/** Case 6: what many open, idle connections cost the relay, and whether they survive the idle time. */
public final class IdleConnections {

    /** Connects (or round trips) under way at once. */
    private static final int MAX_IN_FLIGHT = 500;
    private static final int PROBE_BYTES = 16;
    /** Lets the relay settle after the burst of second round trips before its memory is read. */
    private static final long SETTLE_MILLIS = 1000;

    private IdleConnections() {
    }

    public static IdleResult run(EventLoopGroup group, IdleSettings settings)
            throws InterruptedException, ExecutionException {
        warnIfTooFewFiles(settings.count());
        try (Rss rss = new Rss(settings.pids())) {
            return run(group, settings, rss);
        }
    }

    private static IdleResult run(EventLoopGroup group, IdleSettings settings, Rss rss)
            throws InterruptedException, ExecutionException {
        Map<String, Long> before = rss.kb();
        EchoClient client = new EchoClient(group, Route.direct(settings.target()));
        Errors errors = new Errors();
        byte[] probe = new byte[PROBE_BYTES];
        ThreadLocalRandom.current().nextBytes(probe);

        System.err.println("idle: opening " + settings.count() + " connections to " + settings.target()
                + " at up to " + settings.connectRate() + "/s");
        Queue<EchoExchange> open = new ConcurrentLinkedQueue<>();
        EventExecutor pacing = group.next();
        new Pacer(pacing, settings.connectRate(), MAX_IN_FLIGHT)
                .run(settings.count(), i -> open(client, settings, probe, open, errors, pacing.newPromise())).get();
        List<EchoExchange> opened = new ArrayList<>(open);
        try {
            System.err.println("idle: " + opened.size() + " open; holding them for " + settings.hold().toSeconds() + " s");
            Thread.sleep(settings.hold().toMillis());

            LongAdder alive = new LongAdder();
            new Pacer(pacing, Integer.MAX_VALUE, MAX_IN_FLIGHT)
                    .run(opened.size(), i -> opened.get(i).send(probe).addListener(trip -> {
                        if (trip.isSuccess()) {
                            alive.increment();
                        } else {
                            errors.record(trip.cause());
                        }
                    })).get();
            Thread.sleep(SETTLE_MILLIS);
            Map<String, Long> after = rss.kb();
            long growthKb = after.entrySet().stream().mapToLong(e -> e.getValue() - before.get(e.getKey())).sum();
            long perConnection = opened.isEmpty() ? 0 : growthKb * 1024 / opened.size();
            return new IdleResult(opened.size(), alive.sum(), errors.count(), errors.first(), before, after,
                    perConnection);
        } finally {
            opened.forEach(e -> e.channel().close());
            for (EchoExchange e : opened) {
                e.channel().closeFuture().syncUninterruptibly();
            }
        }
    }

    /** One connection: connect, then a round trip; completes when both are done or one failed. */
    private static Future<?> open(EchoClient client, IdleSettings settings, byte[] probe, Queue<EchoExchange> open,
                                  Errors errors, Promise<Void> done) {
        client.connect(settings.local().next()).addListener((Future<EchoExchange> connect) -> {
            if (!connect.isSuccess()) {
                errors.record(connect.cause());
                done.setSuccess(null);
                return;
            }
            EchoExchange exchange = connect.getNow();
            exchange.send(probe).addListener(trip -> {
                if (trip.isSuccess()) {
                    open.add(exchange);
                } else {
                    errors.record(trip.cause());
                    exchange.channel().close();
                }
                done.setSuccess(null);
            });
        });
        return done;
    }

    private static void warnIfTooFewFiles(int count) {
        OpenFileLimit.soft().ifPresent(limit -> {
            if (limit < count + 64L) {
                System.err.println("idle: the open-file limit is " + limit + ", too low for " + count
                        + " connections; raise it with 'ulimit -n' (expect 'Too many open files' errors)");
            }
        });
    }
}
