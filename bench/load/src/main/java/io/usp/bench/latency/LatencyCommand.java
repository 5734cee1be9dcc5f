package io.usp.bench.latency;

import io.usp.bench.net.Endpoint;
import io.usp.bench.net.Loops;
import io.usp.bench.net.ProxyAddress;
import io.usp.bench.net.Route;
import io.usp.bench.report.Output;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latency}: cases 3 and 4. */
@Command(name = "latency",
        header = "Round-trip latency through an echo target, optionally beside a bulk stream.",
        description = "%nOne connection (TCP_NODELAY), sequential request/response of SIZE bytes, each echo "
                + "checked. Prints {\"p50_us\",\"p99_us\",\"p999_us\",\"max_us\",\"mean_us\",\"count\"} and, "
                + "with --bulk, \"bulk_gbits\".%n")
public final class LatencyCommand implements Callable<Integer> {

    @Option(names = "--connect", required = true, paramLabel = "HOST:PORT", description = "The echo target (through the path).")
    Endpoint connect;

    @Option(names = "--size", defaultValue = "64", description = "Bytes per request (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--count", defaultValue = "10000", description = "Recorded round trips (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--warmup", defaultValue = "10000", description = "Round trips before, not recorded (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--bulk", paramLabel = "HOST:PORT",
            description = "A discard sink (sink --rate 0) through the same path, pushed to as fast as it takes "
                    + "before and during the measurement (head-of-line case).")
    Endpoint bulk;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "Connect through this proxy, asking it for the --connect (and --bulk) target as named: "
                    + "connect://HOST:PORT (HTTP CONNECT) or socks5://HOST:PORT.")
    ProxyAddress proxy;

    @Override
    public Integer call() throws Exception {
        LatencySettings settings = new LatencySettings(Route.to(connect, proxy), size, count, warmup,
                Optional.ofNullable(bulk).map(b -> Route.to(b, proxy)));
        try (Loops loops = Loops.open("usp-load")) {
            Output.print(Latency.run(loops.group(), settings));
        }
        return 0;
    }
}
