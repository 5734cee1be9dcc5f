package io.usp.client.cli;

import io.usp.client.UspClient;
import io.usp.client.config.ClientConfig;
import io.usp.client.config.ClientConfigLoader;
import io.usp.deployments.cli.PrivateFiles;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run --config client.yaml}: reads the whole file (TLS files included) before dialling,
 * keeps the tunnel up until the process is stopped, then closes it with GOAWAY.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Run the client until stopped.",
        description = "%nReads client.yaml, dials the server and keeps the tunnel connections up (reconnecting "
                + "with backoff) until stopped (SIGTERM or Ctrl-C); then it closes them with GOAWAY. A config "
                + "error exits with 2 before anything is dialled.%n")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The client's YAML file. Relative paths inside it are relative to its folder.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ClientConfig settings = ClientConfigLoader.load(config);
        PrivateFiles.requireOwnerOnly(settings.tls().key());
        UspClient client = UspClient.start(settings, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            client.close();
            stopped.countDown();
        }, "usp-client-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.println("usp-client " + Version.of() + " '" + settings.name() + "' is running; stop it with Ctrl-C or SIGTERM");
        out.println("  server    " + settings.server().host() + ":" + settings.server().port() + "  ("
                + settings.connections() + " tunnel connections)");
        out.println("  allow     " + settings.allow().rules().size() + " rule(s)"
                + (settings.allow().rules().isEmpty() ? ": every target is refused" : ""));
        out.flush();
        stopped.await();
        return 0;
    }
}
