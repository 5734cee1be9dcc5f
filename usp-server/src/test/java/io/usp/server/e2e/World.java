package io.usp.server.e2e;


import io.usp.admin.auth.PasswordHasher;
import io.usp.client.UspClient;
import io.usp.client.config.ClientConfig;
import io.usp.deployments.AllowList;
import io.usp.deployments.AllowRule;
import io.usp.deployments.Cidr;
import io.usp.deployments.Deployment;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.PortRange;
import io.usp.deployments.Target;
import io.usp.deployments.yaml.DeploymentEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClientCredentials;
import io.usp.server.UspServer;
import io.usp.server.admin.AdminWiring;
import io.usp.server.config.AdminConfig;
import io.usp.server.config.HistoryConfig;
import io.usp.server.config.ClusterSettings;
import io.usp.server.config.ServerConfig;
import io.usp.server.config.TunnelConfig;
import io.usp.server.listener.ListenerStats;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real server, real clients and their credentials, all on 127.0.0.1 with port 0, in one JVM.
 * Closing it stops everything it started.
 */
final class World implements AutoCloseable {

    private static final PasswordHasher PARTNER_HASHER = new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1));

    private final Path dir;
    private final List<AutoCloseable> started = new ArrayList<>();
    private UspServer server;
    private HistoryConfig history = HistoryConfig.DEFAULTS;

    private Optional<ClusterSettings> cluster = Optional.empty();

    World(Path dir) {
        this.dir = dir;
    }

    /** The history settings of the servers started from now on. */
    void history(HistoryConfig settings) {
        history = settings;
    }

    UspServer startServer(List<Deployment> deployments) throws Exception {
        return startServer(deployments, Clock.systemUTC(), ServerConfig.DEFAULT_MAX_CONNECTIONS);
    }

    UspServer startServer(List<Deployment> deployments, Clock clock, int maxConnections) throws Exception {
        return startServer(deployments, clock, maxConnections, tunnelConfig());
    }

    /** The tunnel settings of every test server: loopback, a free port, quick keepalive. */
    static TunnelConfig tunnelConfig() {
        return new TunnelConfig("127.0.0.1", 0, List.of("localhost", "127.0.0.1"),
                Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    UspServer startServer(List<Deployment> deployments, Clock clock, int maxConnections, TunnelConfig tunnel)
            throws Exception {
        return startServer(new ServerConfig(null, dir.resolve("server-data").toAbsolutePath(), cluster, tunnel,
                AdminConfig.DISABLED, maxConnections, history, List.of(), deployments), clock);
    }

    /** The servers started from now on are of {@code cluster}: their state in its database, not their data folder's H2. */
    void cluster(ClusterSettings settings) {
        // servers of one machine: each named by its folder unless named already
        String name = dir.getFileName().toString();
        cluster = Optional.of(settings.serverName().isPresent() ? settings : settings.named(name));
    }

    UspServer startServer(ServerConfig config, Clock clock) throws Exception {
        server = UspServer.start(config, clock);
        started.add(server);
        return server;
    }

    UspServer server() {
        return server;
    }

    ClientCredentials credentials(String name) throws Exception {
        return CertificateAuthority.loadOrCreate(dir.resolve("server-data")).issueClient(name, dir.resolve("clients"));
    }

    UspClient startClient(String name, AllowList allow) throws Exception {
        return startClient(config(name, credentials(name), allow));
    }

    UspClient startClient(ClientConfig config) throws Exception {
        UspClient client = UspClient.start(config, Clock.systemUTC());
        started.add(client);
        return client;
    }

    ClientConfig config(String name, ClientCredentials creds, AllowList allow) {
        return new ClientConfig(null, name, new ClientConfig.ServerAddress("127.0.0.1", server.tunnelPort()),
                new ClientConfig.TlsFiles(creds.certFile(), creds.keyFile(), creds.caFile()), 2,
                Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(3),
                new ClientConfig.Reconnect(Duration.ofMillis(50), Duration.ofMillis(500)), allow);
    }

    /** Waits until the server counts {@code count} tunnel connections of {@code client}. */
    void awaitTunnels(String client, int count) {
        Await.until(() -> server.tunnels().connections(client).size() == count,
                "client " + client + " has " + count + " tunnel connections");
    }

    /** Starts the admin server on a free loopback port; user {@code admin} gets {@code password}. */
    AdminWiring startAdmin(String password) {
        AdminWiring admin = AdminWiring.start(server, Map.of("USP_ADMIN_PASSWORD", password),
                new PrintWriter(Writer.nullWriter()));
        started.add(admin);
        return admin;
    }

    /**
     * Gives a collection's partner {@code username} that password (stored hashed, cheaply: tests
     * need not pay the production cost), then lets the server re-read the store as an admin change does.
     */
    void partnerCredential(String deployment, String username, String password) {
        server.database().partners().put(deployment, username, PARTNER_HASHER.hash(password), Instant.now());
        server.reconcile();
    }

    int port(String deployment) {
        return server.listenerPort(deployment);
    }

    ListenerStats stats(String deployment) {
        return server.listeners().get(deployment).orElseThrow().stats();
    }

    /** Partner connections holding a slot of the deployment's listener limits right now. */
    int open(String deployment) {
        return server.listeners().get(deployment).orElseThrow().limits().open();
    }

    static Deployment tunnelled(String name, String client, int targetPort) {
        return deployment(name, Optional.of(client), targetPort, IpFilter.ALLOW_ALL, Limits.NONE);
    }

    static Deployment direct(String name, int targetPort) {
        return deployment(name, Optional.empty(), targetPort, IpFilter.ALLOW_ALL, Limits.NONE);
    }

    static Deployment deployment(String name, Optional<String> client, int targetPort, IpFilter filter,
                                 Limits limits) {
        return new Deployment(name, new Listener("127.0.0.1", 0), filter, limits,
                new Target("127.0.0.1", targetPort), client, Duration.ofMinutes(5));
    }

    /** A deployment as the admin API's JSON describes it (YAML's field names). */
    static Deployment fromJson(String json) throws Exception {
        return DeploymentEntry.readBody(new ObjectMapper().readTree(json), Map.of());
    }

    /** Allows 127.0.0.1 on every port: the tests' targets all live there. */
    static AllowList allowLoopback() {
        return new AllowList(List.of(new AllowRule(List.of(), List.of(Cidr.parse("127.0.0.1")),
                List.of(new PortRange(1, 65535)))));
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
