package io.usp.bench.target;

import io.usp.bench.net.ByteSize;
import io.usp.bench.net.Loops;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sink}: the discarding target of cases 4 (rate 0) and 7 (a slow reader), until killed. */
@Command(name = "sink",
        header = "Read and discard, at most RATE bytes a second per connection, until killed.",
        description = "%nThe target of push (a slow reader) and of latency --bulk (--rate 0: as fast as it comes).%n")
public final class SinkCommand implements Callable<Integer> {

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "Port to listen on; 0 picks one.")
    int port;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "BYTES_PER_SECOND",
            description = "Bytes read per second and connection, e.g. 1048576 or 1M; 0 reads as fast as possible "
                    + "(default: ${DEFAULT-VALUE}).")
    ByteSize rate;

    @Override
    public Integer call() throws InterruptedException {
        try (Loops loops = Loops.open("usp-load-sink");
             Target sink = Target.sink(loops.group(), bind, port, rate.bytes())) {
            System.err.println("sink: listening on " + bind + ":" + sink.port() + ", reading "
                    + (rate.bytes() == 0 ? "as fast as possible" : rate.bytes() + " bytes/s per connection"));
            sink.channel().closeFuture().sync();
        }
        return 0;
    }
}
