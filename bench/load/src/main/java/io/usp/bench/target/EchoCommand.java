package io.usp.bench.target;

import io.usp.bench.net.Loops;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code echo}: the echo target of cases 3, 5 and 6, until killed. */
@Command(name = "echo",
        header = "Echo every byte back, until killed.",
        description = "%nThe target of latency, rate and idle. Reads only while the partner takes the echo.%n")
public final class EchoCommand implements Callable<Integer> {

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "Port to listen on; 0 picks one.")
    int port;

    @Override
    public Integer call() throws InterruptedException {
        try (Loops loops = Loops.open("usp-load-echo"); Target echo = Target.echo(loops.group(), bind, port)) {
            System.err.println("echo: listening on " + bind + ":" + echo.port());
            echo.channel().closeFuture().sync();
        }
        return 0;
    }
}
