package io.usp.server.cli;

import io.usp.deployments.Names;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClientCredentials;
import io.usp.deployments.yaml.ConfigException;
import io.usp.deployments.store.Database;
import io.usp.server.cluster.SharedCa;
import io.usp.server.config.PublicAddress;
import io.usp.server.config.ServerConfig;
import io.usp.server.config.ServerConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code issue-client --config server.yaml --name agent-a --out DIR}: a client certificate and
 * key signed by the server's CA, and the CA certificate the client must trust.
 */
@Command(name = "issue-client",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Issue a client certificate signed by the server's CA.",
        description = "%nWrites DIR/NAME.crt, DIR/NAME.key (owner-only) and DIR/ca.crt, signed by the CA in "
                + "dataDir (created on first use; with a shared database, the cluster's CA from it), and prints a "
                + "client.yaml to start from. NAME is what deployments put under 'client:'.%n")
final class IssueClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The server's YAML file (for dataDir and the tunnel address).")
    Path config;

    @Option(names = {"-n", "--name"}, required = true, paramLabel = "NAME",
            description = "The client's name, e.g. agent-a: 1-63 letters, digits, '.', '_' or '-'.")
    String name;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
            description = "Folder to write the three PEM files to; created owner-only if missing.")
    Path out;

    @Override
    public Integer call() throws Exception {
        try {
            Names.require(name, "--name");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        ServerConfig settings = ServerConfigLoader.load(config);
        PublicAddress server = serverFor(settings);
        CertificateAuthority ca = certificateAuthority(settings);
        ClientCredentials written = ca.issueClient(name, out.toAbsolutePath().normalize());
        PrintWriter o = spec.commandLine().getOut();
        o.println("Issued client '" + name + "', signed by the CA in " + ca.caFile().getParent() + ":");
        o.println("  " + written.certFile() + "  certificate");
        o.println("  " + written.keyFile() + "  private key, owner-only: give it to this client alone");
        o.println("  " + written.caFile() + "  CA certificate the client trusts");
        o.println();
        o.println("A client.yaml to put next to them (then: java -jar usp-client.jar run --config client.yaml):");
        o.println();
        printClientYaml(o, settings, server);
        o.flush();
        return 0;
    }

    /** The servers' CA: on a shared database the cluster's (taken into dataDir), else the one in dataDir. */
    private static CertificateAuthority certificateAuthority(ServerConfig settings) throws java.io.IOException {
        if (settings.cluster().isEmpty()) {
            return CertificateAuthority.loadOrCreate(settings.dataDir());
        }
        try (Database database = settings.openDatabase(Clock.systemUTC())) {
            return SharedCa.open(settings.dataDir(), database.clusterCa(), settings.cluster().get().secret(),
                    Clock.systemUTC());
        }
    }

    /** Where the client will dial, known before anything is written: a port picked at each start is not. */
    private static PublicAddress serverFor(ServerConfig settings) {
        if (settings.tunnel().port() == 0 && settings.tunnel().publicAddress().isEmpty()) {
            throw new ConfigException(settings.file(), null, "tunnel.port", "is 0 (a free port picked at each start),"
                    + " so there is no address to give the client; set tunnel.port or tunnel.publicAddress");
        }
        return settings.tunnel().addressForClients(settings.tunnel().port());
    }

    private void printClientYaml(PrintWriter o, ServerConfig settings, PublicAddress server) {
        o.println("name: " + name);
        o.println("server: { host: " + AllowSuggestion.yamlScalar(server.host()) + ", port: " + server.port() + " }");
        o.println("tls: { cert: " + name + ".crt, key: " + name + ".key, ca: ca.crt }");
        List<String> allow = AllowSuggestion.lines(settings.deployments(), name);
        if (allow.isEmpty()) {
            o.println("allow: []   # nothing allowed yet: list the targets this client may reach");
            return;
        }
        o.println("allow:        # the targets of the deployments that name this client");
        allow.forEach(o::println);
    }
}
