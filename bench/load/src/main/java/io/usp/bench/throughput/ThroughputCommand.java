package io.usp.bench.throughput;

import io.usp.bench.net.Endpoint;
import io.usp.bench.net.Loops;
import io.usp.bench.net.ProxyAddress;
import io.usp.bench.net.Route;
import io.usp.bench.report.Output;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code throughput}: bulk Gbit/s through a path. */
@Command(name = "throughput",
        header = "Bulk throughput: push to a discard sink (sink --rate 0) as fast as the path takes it.",
        description = "%nWrites only while the connection is writable, so what it counts is what the path took. "
                + "Prints {\"gbit_per_second\",\"bytes\",\"seconds\",\"streams\"}.%n")
public final class ThroughputCommand implements Callable<Integer> {

    @Option(names = "--connect", required = true, paramLabel = "HOST:PORT", description = "The sink (through the path).")
    Endpoint connect;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "Connect through this proxy, asking it for the --connect target as named: "
                    + "connect://HOST:PORT (HTTP CONNECT) or socks5://HOST:PORT.")
    ProxyAddress proxy;

    @Option(names = "--streams", defaultValue = "1", description = "Connections pushing at once (default: ${DEFAULT-VALUE}).")
    int streams;

    @Option(names = "--seconds", defaultValue = "10", description = "Counted length of the run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS",
            description = "Seconds of pushing first, not counted (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        ThroughputSettings settings = new ThroughputSettings(Route.to(connect, proxy), streams,
                Duration.ofSeconds(seconds), Duration.ofSeconds(warmup));
        try (Loops loops = Loops.open("usp-load")) {
            Output.print(Throughput.run(loops.group(), settings));
        }
        return 0;
    }
}
