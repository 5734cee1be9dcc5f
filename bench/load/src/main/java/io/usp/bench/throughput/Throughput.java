package io.usp.bench.throughput;

import io.netty.channel.EventLoopGroup;
import io.usp.bench.net.Connecting;
import io.usp.bench.push.PushClient;
import io.usp.bench.push.Pusher;
import io.usp.bench.report.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

/** Bulk throughput of a path: streams pushing to a discard sink as fast as it takes them. */
public final class Throughput {

    private Throughput() {
    }

    public static ThroughputResult run(EventLoopGroup group, ThroughputSettings settings)
            throws InterruptedException, ExecutionException {
        List<Pusher> streams = new ArrayList<>();
        try {
            for (int i = 0; i < settings.streams(); i++) {
                streams.add(Connecting.to(settings.target(), PushClient.connect(group, settings.target(), Long.MAX_VALUE)));
            }
            System.err.println("throughput: " + settings.streams() + " stream(s) to " + settings.target() + " for "
                    + settings.warmup().toSeconds() + " + " + settings.duration().toSeconds() + " s");
            Thread.sleep(settings.warmup().toMillis());
            checkAlive(streams, settings);
            long before = pushed(streams);
            long start = System.nanoTime();
            Thread.sleep(settings.duration().toMillis());
            long bytes = pushed(streams) - before;
            long nanos = System.nanoTime() - start;
            checkAlive(streams, settings);
            return new ThroughputResult(Json.round(bytes * 8.0 / nanos, 3), bytes, Json.round(nanos / 1e9, 3),
                    settings.streams());
        } finally {
            streams.forEach(Pusher::close);
        }
    }

    private static long pushed(List<Pusher> streams) {
        return streams.stream().mapToLong(Pusher::pushed).sum();
    }

    /** A stream that broke off would make the figure that of fewer streams, or of none. */
    private static void checkAlive(List<Pusher> streams, ThroughputSettings settings) throws ExecutionException {
        for (int i = 0; i < streams.size(); i++) {
            Pusher stream = streams.get(i);
            if (stream.done().isDone()) {
                throw new ExecutionException("stream " + (i + 1) + " to " + settings.target() + " failed after "
                        + stream.pushed() + " bytes", stream.done().cause());
            }
        }
    }
}
