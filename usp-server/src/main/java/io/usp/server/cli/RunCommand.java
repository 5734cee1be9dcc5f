package io.usp.server.cli;

import io.usp.deployments.Deployment;
import io.usp.deployments.cli.PrivateFiles;
import io.usp.deployments.store.Database;
import io.usp.deployments.store.StoredDeployment;
import io.usp.server.UspServer;
import io.usp.server.admin.AdminWiring;
import io.usp.server.config.ServerConfig;
import io.usp.server.config.ServerConfigLoader;
import io.usp.server.config.TunnelConfig;
import io.usp.server.listener.LiveListener;
import io.usp.server.ports.OwnPort;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
        description = "%nReads server.yaml, creates the CA and the database in dataDir on first use, stores the "
                + "file's deployments (managed by server.yaml), binds the tunnel port, the admin server and "
                + "every deployment's listener, and runs until stopped (SIGTERM or Ctrl-C); then it closes the "
                + "tunnels with GOAWAY. A listener that cannot be bound is shown as FAILED and tried again "
                + "every second. A config error exits with 2 before anything is bound. The first start creates "
                + "admin user 'admin' with the password in USP_ADMIN_PASSWORD, or prints a generated one; later "
                + "starts ignore USP_ADMIN_PASSWORD, with a warning (change passwords on the Admins page, or with "
                + "reset-admin while the server is stopped).%n")
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The server's YAML file. Relative paths inside it are relative to its folder.")
    Path config;

    @Override
    public Integer call() throws Exception {
        ServerConfig settings = ServerConfigLoader.load(config);
        Path data = settings.dataDir();
        PrivateFiles.requireOwnerOnly(data.resolve("ca/ca.key"), data.resolve("server/server.key"),
                Database.file(data));
        // before the CA, the database or the first admin are made: a taken port leaves nothing behind
        settings.adminPort().ifPresent(OwnPort::checkFree);
        UspServer server = UspServer.start(settings, Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        AdminWiring admin;
        try {
            admin = settings.admin().enabled() ? AdminWiring.start(server, System.getenv(), out) : null;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (admin != null) {
                admin.close();
            }
            server.close();
            stopped.countDown();
        }, "usp-server-shutdown"));
        printBound(out, settings, server, admin);
        stopped.await();
        return 0;
    }

    /** One write, so whoever reads up to "is running" (a person, a script, a test) gets the listeners with it. */
    private static void printBound(PrintWriter out, ServerConfig settings, UspServer server, AdminWiring admin) {
        StringBuilder banner = new StringBuilder();
        banner.append("usp-server ").append(Version.of()).append(" is running; stop it with Ctrl-C or SIGTERM\n");
        TunnelConfig tunnel = settings.tunnel();
        banner.append("  tunnel    ").append(hostPort(tunnel.bind(), server.tunnelPort()))
                .append("  (clients dial ").append(tunnel.publicAddress().map(String::valueOf).orElse("here"))
                .append("; certificate names ").append(tunnel.names()).append(")\n");
        if (admin != null) {
            banner.append("  admin     ").append(admin.url()).append("  (web UI and /api/v1; /metrics, /health)\n");
        }
        List<StoredDeployment> stored = server.database().deployments().deployments();
        for (StoredDeployment s : stored) {
            Deployment d = s.deployment();
            Optional<LiveListener> live = server.listeners().get(d.name());
            String address = hostPort(d.listener().bind(), live.map(LiveListener::port).orElse(d.listener().port()));
            String route = d.route().summary();
            String state = live.isPresent() ? "" : server.listeners().failure(d.name())
                    .map(f -> "  FAILED: " + f.getMessage() + " (tried again every second)")
                    .orElse(d.enabled() ? "  stopped (start mode manual)" : "  disabled");
            banner.append("  listener  ").append(address).append("  deployment ").append(d.name()).append(" -> ")
                    .append(route).append(state).append('\n');
        }
        if (stored.isEmpty()) {
            banner.append("  no deployments: add some in the admin UI or under 'deployments:' in ")
                    .append(settings.file()).append('\n');
        }
        out.print(banner);
        out.flush();
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
