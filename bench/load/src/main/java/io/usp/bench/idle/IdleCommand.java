package io.usp.bench.idle;

import io.usp.bench.net.Endpoint;
import io.usp.bench.net.LocalAddresses;
import io.usp.bench.net.Loops;
import io.usp.bench.report.Output;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code idle}: case 6. */
@Command(name = "idle",
        header = "Hold many idle connections open and measure what they cost the relay's processes.",
        description = "%nOpens COUNT connections (each proven with a round trip), holds them HOLD seconds, "
                + "proves them again, reads VmRSS of each PID before and after. Needs COUNT open files: "
                + "raise 'ulimit -n' first. Prints {\"opened\",\"alive_after_hold\",\"errors\",\"first_error\","
                + "\"rss_before_kb\",\"rss_after_kb\",\"per_connection_bytes\"}.%n")
public final class IdleCommand implements Callable<Integer> {

    @Option(names = "--connect", required = true, paramLabel = "HOST:PORT", description = "The echo target (through the path).")
    Endpoint connect;

    @Option(names = "--count", defaultValue = "10000", description = "Connections (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--hold", defaultValue = "10", paramLabel = "SECONDS",
            description = "Idle time before the second round trips (default: ${DEFAULT-VALUE}).")
    int hold;

    @Option(names = "--pids", split = ",", paramLabel = "PID", description = "Processes whose VmRSS to read (the relay's).")
    List<Long> pids = new ArrayList<>();

    @Option(names = "--local-addresses", split = ",", paramLabel = "ADDRESS",
            description = "Local addresses to connect from, in turn (each has its own ephemeral ports).")
    List<InetAddress> localAddresses = new ArrayList<>();

    @Option(names = "--connect-rate", defaultValue = "2000", paramLabel = "PER_SECOND",
            description = "New connections a second at most (default: ${DEFAULT-VALUE}); at most 500 under way.")
    int connectRate;

    @Override
    public Integer call() throws Exception {
        IdleSettings settings = new IdleSettings(connect, count, Duration.ofSeconds(hold), pids,
                new LocalAddresses(localAddresses), connectRate);
        try (Loops loops = Loops.open("usp-load")) {
            Output.print(IdleConnections.run(loops.group(), settings));
        }
        return 0;
    }
}
