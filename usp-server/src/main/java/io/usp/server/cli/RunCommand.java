package io.usp.server.cli;

import io.usp.deployments.Deployment;
import io.usp.server.UspServer;
import io.usp.server.config.ServerConfig;
import io.usp.server.config.ServerConfigLoader;
import io.usp.server.config.TunnelConfig;
import io.usp.server.listener.ListenerBindException;
import io.usp.server.listener.LiveListener;
import java.io.PrintWriter;
import java.net.SocketException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run --config server.yaml}: reads the whole file before binding anything, starts the
 * server, and runs until the process is stopped; then sends GOAWAY on every tunnel and drains.
 */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Run the server until stopped.",
        description = "%nReads server.yaml, creates the CA in dataDir on first use, binds the tunnel port and "
                + "every deployment's listener, and runs until stopped (SIGTERM or Ctrl-C); then it closes the "
                + "tunnels with GOAWAY. A config error exits with 2 before anything is bound.%n")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The server's YAML file. Relative paths inside it are relative to its folder.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ServerConfig settings = ServerConfigLoader.load(config);
        UspServer server = start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "usp-server-shutdown"));
        printBound(spec.commandLine().getOut(), settings, server);
        stopped.await();
        return 0;
    }

    private static UspServer start(ServerConfig settings) throws Exception {
        try {
            return UspServer.start(settings, Clock.systemUTC());
        } catch (ListenerBindException e) {
            throw e; // already names the deployment and the address
        } catch (SocketException | UnresolvedAddressException e) {
            // UspServer binds the tunnel port first; a listener failure is a ListenerBindException
            TunnelConfig tunnel = settings.tunnel();
            String why = e instanceof UnresolvedAddressException ? "no such local address" : e.getMessage();
            throw new IllegalStateException("cannot listen for tunnels on " + hostPort(tunnel.bind(), tunnel.port())
                    + " (tunnel.bind, tunnel.port in " + settings.file() + "): " + why, e);
        }
    }

    private static void printBound(PrintWriter out, ServerConfig settings, UspServer server) {
        out.println("usp-server " + Version.of() + " is running; stop it with Ctrl-C or SIGTERM");
        out.println("  tunnel    " + hostPort(settings.tunnel().bind(), server.tunnelPort())
                + "  (clients dial here; certificate names " + settings.tunnel().names() + ")");
        for (Deployment d : settings.deployments()) {
            int port = server.listeners().get(d.name()).map(LiveListener::port).orElse(d.listener().port());
            out.println("  listener  " + hostPort(d.listener().bind(), port) + "  deployment " + d.name() + " -> "
                    + d.target().authority() + (d.direct() ? " (direct)" : " via client " + d.client().get()));
        }
        if (settings.deployments().isEmpty()) {
            out.println("  no deployments: add some under 'deployments:' in " + settings.file());
        }
        out.flush();
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
