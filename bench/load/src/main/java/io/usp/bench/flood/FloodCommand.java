package io.usp.bench.flood;

import io.usp.bench.net.Endpoint;
import io.usp.bench.net.Loops;
import io.usp.bench.report.Output;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flood}: issue 11 item 4. */
@Command(name = "flood",
        header = "Round trips on one deployment while another's listener refuses a connect flood.",
        description = "%nWORKERS loops connect from FROM to BLOCKED (a listener whose IP filter refuses FROM) "
                + "and wait for the server to close, until SECONDS or MAX_CONNECTS; meanwhile one connection "
                + "makes round trips through ECHO. Loopback only. --max-connects 0 is the baseline: round "
                + "trips alone for SECONDS. Prints {\"p50_us\",\"p99_us\",\"p999_us\",\"max_us\",\"mean_us\","
                + "\"count\",\"flood_seconds\",\"connects\",\"connects_per_second\",\"errors\",\"first_error\"}.%n")
public final class FloodCommand implements Callable<Integer> {

    @Option(names = "--blocked", required = true, paramLabel = "HOST:PORT", description = "The listener that refuses FROM.")
    Endpoint blocked;

    @Option(names = "--from", defaultValue = "127.0.0.2", paramLabel = "FROM",
            description = "Local address the flood connects from (default: ${DEFAULT-VALUE}).")
    InetAddress from;

    @Option(names = "--workers", defaultValue = "64", description = "Connects under way at once (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of the flood (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--max-connects", defaultValue = "200000", paramLabel = "MAX_CONNECTS",
            description = "Connects at most (default: ${DEFAULT-VALUE}); 0: no flood.")
    long maxConnects;

    @Option(names = "--echo", required = true, paramLabel = "ECHO", description = "An echo target through another deployment.")
    Endpoint echo;

    @Option(names = "--size", defaultValue = "64", description = "Bytes per round trip (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--warmup", defaultValue = "1000", description = "Round trips before the flood, not recorded (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() throws Exception {
        FloodSettings settings = new FloodSettings(blocked, from, workers, Duration.ofSeconds(seconds), maxConnects,
                echo, size, warmup);
        try (Loops flood = Loops.open("usp-load-flood"); Loops probe = Loops.open("usp-load-probe", 1)) {
            Output.print(Flood.run(flood.group(), probe.group(), settings));
        }
        return 0;
    }
}
