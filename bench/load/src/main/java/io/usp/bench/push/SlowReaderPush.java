package io.usp.bench.push;

import io.netty.channel.EventLoopGroup;
import io.usp.bench.memory.Rss;
import io.usp.bench.net.Connecting;
import io.usp.bench.net.Route;
import io.usp.bench.memory.RssSeries;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Case 7: a fast writer against a slow reader. A relay with backpressure holds a bounded amount
 * whatever the writer does; one without it grows by the difference of the two speeds.
 */
public final class SlowReaderPush {

    private static final long SAMPLE_MILLIS = 1000;

    private SlowReaderPush() {
    }

    public static PushResult run(EventLoopGroup group, PushSettings settings)
            throws InterruptedException, ExecutionException {
        try (Rss memory = new Rss(settings.pids())) {
            return run(group, settings, memory);
        }
    }

    private static PushResult run(EventLoopGroup group, PushSettings settings, Rss memory)
            throws InterruptedException, ExecutionException {
        Map<String, RssSeries> rss = new LinkedHashMap<>();
        memory.kb().forEach((pid, kb) -> rss.put(pid, RssSeries.of(kb)));
        System.err.println("push: up to " + settings.bytes() + " bytes to " + settings.target() + " for at most "
                + settings.duration().toSeconds() + " s");
        Pusher pusher = Connecting.to(settings.target(),
                PushClient.connect(group, Route.direct(settings.target()), settings.bytes()));
        long pushed;
        try {
            long deadline = System.nanoTime() + settings.duration().toNanos();
            for (long left = settings.duration().toNanos(); left > 0; left = deadline - System.nanoTime()) {
                boolean done = pusher.done().await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS)),
                        TimeUnit.NANOSECONDS);
                memory.kb().forEach((pid, kb) -> rss.compute(pid, (p, s) -> s.add(kb)));
                if (done) {
                    break;
                }
            }
            pushed = pusher.pushed();
            if (pusher.done().isDone() && !pusher.done().isSuccess()) {
                throw new ExecutionException("pushing to " + settings.target() + " failed after " + pushed + " bytes",
                        pusher.done().cause());
            }
        } finally {
            pusher.close();
        }
        Map<String, Long> growth = new LinkedHashMap<>();
        rss.forEach((pid, series) -> growth.put(pid, series.growth()));
        return new PushResult(pushed, rss, growth);
    }
}
