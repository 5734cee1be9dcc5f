package io.usp.client.cli;

import io.usp.client.cli.demo.HelloTarget;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hello-target --bind 127.0.0.1 --port N}: a stand-in internal service for the demo. */
@Command(name = "hello-target",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Demo aid: a tiny internal target that answers any HTTP request.",
        description = "%nA demo aid, not part of USP: a tiny TCP server standing in for an internal target. It "
                + "answers any HTTP request with '200 OK' and the text \"" + HelloTarget.BODY_TEXT + "\", then "
                + "closes the connection. demo/run uses it. Runs until stopped.%n")
final class HelloTargetCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Local address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", required = true, paramLabel = "PORT", description = "TCP port to listen on.")
    int port;

    @Override
    public Integer call() throws Exception {
        HelloTarget target = HelloTarget.start(bind, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            target.close();
            stopped.countDown();
        }, "hello-target-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("hello-target (demo aid) listening on " + bind + ":" + target.port());
        out.flush();
        stopped.await();
        return 0;
    }
}
