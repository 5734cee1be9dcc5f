package io.usp.bench.push;

import io.usp.bench.net.ByteSize;
import io.usp.bench.net.Endpoint;
import io.usp.bench.net.Loops;
import io.usp.bench.report.Output;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code push}: case 7. */
@Command(name = "push",
        header = "Push at a slow reader (a sink with a --rate) and watch the relay's memory.",
        description = "%nWrites only while the connection is writable, so what it pushes is what the path took. "
                + "Samples VmRSS of each PID once a second. Prints {\"pushed_bytes\",\"rss_kb\","
                + "\"rss_growth_kb\"}.%n")
public final class PushCommand implements Callable<Integer> {

    @Option(names = "--connect", required = true, paramLabel = "HOST:PORT", description = "The slow sink (through the path).")
    Endpoint connect;

    @Option(names = "--bytes", defaultValue = "1G", paramLabel = "SIZE",
            description = "Bytes to push at most, e.g. 1G (default: ${DEFAULT-VALUE}).")
    ByteSize bytes;

    @Option(names = "--seconds", defaultValue = "30", description = "Longest run (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--pids", split = ",", paramLabel = "PID", description = "Processes whose VmRSS to sample (the relay's).")
    List<Long> pids = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PushSettings settings = new PushSettings(connect, bytes.bytes(), Duration.ofSeconds(seconds), pids);
        try (Loops loops = Loops.open("usp-load")) {
            Output.print(SlowReaderPush.run(loops.group(), settings));
        }
        return 0;
    }
}
