package io.usp.bench.rate;

import io.usp.bench.net.Endpoint;
import io.usp.bench.net.LocalAddresses;
import io.usp.bench.net.Loops;
import io.usp.bench.net.ProxyAddress;
import io.usp.bench.net.Route;
import io.usp.bench.report.Output;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rate}: case 5. */
@Command(name = "rate",
        header = "New connections per second: connect, one round trip, close; in WORKERS loops.",
        description = "%nFailures (refused, reset, a step over 5 s, a wrong echo) are counted, not fatal. "
                + "Prints {\"per_second\",\"completed\",\"errors\",\"first_error\"}.%n")
public final class RateCommand implements Callable<Integer> {

    @Option(names = "--connect", required = true, paramLabel = "HOST:PORT", description = "The echo target (through the path).")
    Endpoint connect;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "Connect through this proxy, asking it for the --connect target as named: "
                    + "connect://HOST:PORT (HTTP CONNECT) or socks5://HOST:PORT. A connection counts once the "
                    + "proxy said yes.")
    ProxyAddress proxy;

    @Option(names = "--workers", defaultValue = "50", description = "Concurrent loops (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of the run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS",
            description = "Seconds of the same load first, not counted: this JVM compiles its own code "
                    + "meanwhile (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--size", defaultValue = "64", description = "Bytes of the round trip (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--local-addresses", split = ",", paramLabel = "ADDRESS",
            description = "Local addresses to connect from, in turn, so as not to run out of ephemeral ports "
                    + "(e.g. 127.0.0.1,127.0.0.2,127.0.0.3).")
    List<InetAddress> localAddresses = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Route route = Route.to(connect, proxy);
        RateSettings settings = new RateSettings(route, workers, Duration.ofSeconds(seconds), size,
                new LocalAddresses(localAddresses));
        try (Loops loops = Loops.open("usp-load")) {
            if (warmup > 0) {
                ConnectionRate.run(loops.group(), new RateSettings(route, workers, Duration.ofSeconds(warmup),
                        size, new LocalAddresses(localAddresses)));
            }
            Output.print(ConnectionRate.run(loops.group(), settings));
        }
        return 0;
    }
}
