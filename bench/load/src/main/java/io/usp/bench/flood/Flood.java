package io.usp.bench.flood;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import io.usp.bench.exchange.EchoClient;
import io.usp.bench.exchange.EchoExchange;
import io.usp.bench.latency.LatencyResult;
import io.usp.bench.net.Connecting;
import io.usp.bench.net.Route;
import io.usp.bench.report.Json;
import java.util.concurrent.ExecutionException;

/** Issue 11 item 4: round trips on one deployment while another's listener is flooded with refused connects. */
public final class Flood {

    private Flood() {
    }

    /**
     * @param probeGroup the round trips' own event loop, so that they never queue behind the
     *                   flood's work in this process
     */
    public static FloodResult run(EventLoopGroup floodGroup, EventLoopGroup probeGroup, FloodSettings settings)
            throws InterruptedException, ExecutionException {
        EchoExchange exchange = Connecting.to(settings.echo(),
                new EchoClient(probeGroup, Route.direct(settings.echo())).connect(null));
        try {
            RoundTrips trips = new RoundTrips(exchange, settings.size());
            trips.warmUp(settings.warmup()).get();
            System.err.println("flood: " + settings.workers() + " workers from " + settings.floodFrom().getHostAddress()
                    + " to " + settings.blocked() + " for " + settings.duration().toSeconds() + " s or "
                    + settings.maxConnects() + " connects; round trips of " + settings.size() + " bytes to "
                    + settings.echo());
            Flooder flooder = new Flooder(floodGroup, settings);
            Future<long[]> recorded = trips.record();
            long start = System.nanoTime();
            flooder.start(start + settings.duration().toNanos()).sync();
            double seconds = (System.nanoTime() - start) / 1e9;
            trips.stop();
            long[] nanos = recorded.get();
            return new FloodResult(LatencyResult.of(nanos, null), Json.round(seconds, 2), flooder.connects(),
                    Json.round(flooder.connects() / seconds, 1), flooder.errors().count(), flooder.errors().first());
        } finally {
            exchange.channel().close().syncUninterruptibly();
        }
    }
}
