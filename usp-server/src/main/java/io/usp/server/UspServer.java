package io.usp.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.usp.admin.partners.PartnerLogins;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.usp.deployments.store.Database;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ServerIdentity;
import io.usp.protocol.target.TargetConnector;
import io.usp.protocol.tls.TlsContexts;
import io.usp.protocol.transport.Transport;
import io.usp.protocol.tunnel.TunnelCodecs;
import io.usp.server.cluster.Membership;
import io.usp.server.cluster.SharedCa;
import io.usp.server.config.ClusterSettings;
import io.usp.server.config.ServerConfig;
import io.usp.server.dispatch.ConnectionReport;
import io.usp.server.enroll.ClientTokens;
import io.usp.server.enroll.EnrollmentGate;
import io.usp.server.enroll.Revocations;
import io.usp.server.dispatch.LiveConnections;
import io.usp.server.dispatch.PartnerServices;
import io.usp.server.dispatch.RefusalTally;
import io.usp.server.history.HistoryWriter;
import io.usp.server.limits.ServerLimit;
import io.usp.server.listener.ListenerManager;
import io.usp.server.listener.LiveListener;
import io.usp.server.metrics.ServerMetrics;
import io.usp.server.state.FileDeployments;
import io.usp.server.state.Reconciler;
import io.usp.server.state.RunSwitches;
import io.usp.server.tunnel.ClientsSeen;
import io.usp.server.tunnel.TunnelAcceptor;
import io.usp.server.tunnel.TunnelConnection;
import io.usp.server.tunnel.TunnelRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server: the store (desired state, history), the tunnel acceptor, the listeners
 * kept in step with the store, and the registry that joins partners to tunnels.
 */
public final class UspServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UspServer.class);
    /** Direct deployments: how long the server waits for a target to accept. */
    public static final Duration DIRECT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ServerConfig config;
    private final Clock clock;
    private final Database database;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final TargetConnector connector;
    private final TunnelRegistry tunnels = new TunnelRegistry();
    private final LiveConnections connections = new LiveConnections();
    private final RunSwitches switches = new RunSwitches();
    private final PrometheusMeterRegistry metricsRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ServerMetrics metrics = new ServerMetrics(metricsRegistry);
    private final HistoryWriter history;
    private final RefusalTally refusals;
    private final ClientsSeen clientsSeen;
    private final ListenerManager listeners;
    private final ServerLimit serverLimit;
    private final Reconciler reconciler;
    private final EnrollmentGate enrollment;
    private final ClientTokens clientTokens;
    private final PartnerLogins partnerLogins;
    private TunnelAcceptor acceptor;
    private Membership membership;
    private final AtomicBoolean closed = new AtomicBoolean();

    private UspServer(ServerConfig config, Clock clock, Database database, CertificateAuthority ca) {
        this.config = config;
        this.clock = clock;
        this.database = database;
        this.boss = Transport.group(1, "usp-accept");
        // One loop per core: with as many tunnel connections as loops (the client default is 2),
        // a partner usually finds a tunnel connection on its own loop (TunnelRegistry.pick).
        this.workers = Transport.group(Runtime.getRuntime().availableProcessors(), "usp-io");
        this.connector = new TargetConnector(DIRECT_CONNECT_TIMEOUT);
        this.serverLimit = new ServerLimit(config.maxConnections());
        this.history = new HistoryWriter(database.history(), config.history(), clock);
        this.refusals = new RefusalTally(history, clock, config.history().refusalInterval());
        this.clientsSeen = new ClientsSeen(database.clients(), clock);
        ConnectionReport report = new ConnectionReport(history, refusals, metrics, clock);
        this.partnerLogins = PartnerLogins.start(database.partners(), database.audit(), clock);
        PartnerServices services = new PartnerServices(serverLimit, tunnels, connector, report, connections, metrics,
                config.tunnel().answerTimeout(), clock, partnerLogins);
        this.listeners = new ListenerManager(boss, workers, services, config.reservedPorts());
        this.listeners.addEvents(metrics);
        this.reconciler = new Reconciler(database.deployments(), partnerLogins, listeners, switches,
                config.cluster().flatMap(ClusterSettings::listenerBind));
        tunnels.onUp(clientsSeen);
        tunnels.onChange(() -> metrics.tunnelsChanged(tunnels));
        this.enrollment = new EnrollmentGate(database.enrollment(), database.audit(), ca,
                Revocations.load(database.enrollment()), CertificateAuthority.DEFAULT_CLIENT_VALIDITY, clock);
        reconciler.alsoReread(() -> enrollment.revocations().refresh(database.enrollment()));
        database.onChange(table -> reconciler.soon());
        this.clientTokens = new ClientTokens(database.enrollment(),
                () -> config.tunnel().addressForClients(tunnelPort()), ca, ClientTokens.DEFAULT_LIFETIME, clock);
    }

    /**
     * Checks that the tunnel port is free, then opens the store in dataDir (creating it and the CA
     * on first use), writes server.yaml's
     * deployments into it, binds the tunnel port, then every deployment's listener that should
     * run. A listener that cannot be bound is reported on its deployment, not thrown.
     */
    public static UspServer start(ServerConfig config, Clock clock) throws IOException, InterruptedException {
        config.tunnelPort().checkFree();
        Database database = config.openDatabase(clock);
        UspServer server;
        SslContext tls;
        try {
            CertificateAuthority ca = config.cluster().isPresent()
                    ? SharedCa.open(config.dataDir(), database.clusterCa(), config.cluster().get().secret(), clock)
                    : CertificateAuthority.loadOrCreate(config.dataDir());
            ServerIdentity identity = ca.serverIdentity(config.tunnel().names());
            tls = TlsContexts.tunnelServer(identity.certFile(), identity.keyFile(), identity.caFile());
            FileDeployments.sync(database.deployments(), config);
            server = new UspServer(config, clock, database, ca);
        } catch (RuntimeException | IOException e) {
            database.close();
            throw e;
        }
        try {
            server.acceptor = bindTunnelPort(server, tls);
            server.metrics.handshakes(server.acceptor.handshakes());
            server.membership = Membership.join(server.database.servers(), config.serverName(),
                    config.peerAddress(server.tunnelPort()).toString(), config.cluster().isPresent(), clock);
            server.reconciler.reconcile();
            server.reconciler.start();
            server.history.start();
            server.refusals.start();
        } catch (Exception e) { // also the BindException Netty's sync() throws undeclared
            server.close();
            throw e;
        }
        LOG.info("usp-server up tunnel={}:{} deployments={} listening={} tls={} transport={}", config.tunnel().bind(),
                server.tunnelPort(), database.deployments().deployments().size(), server.listeners.all().size(),
                TlsContexts.providerName(), Transport.name());
        return server;
    }

    private static TunnelAcceptor bindTunnelPort(UspServer server, SslContext tls) throws InterruptedException {
        try {
            return TunnelAcceptor.bind(server.boss, server.workers, tls, server.config.tunnel(), server.tunnels,
                    server.clock, server.enrollment);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // also the BindException Netty's sync() throws undeclared
            throw server.config.tunnelPort().cannotBind(e);
        }
    }

    public ServerConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public int tunnelPort() {
        return acceptor.port();
    }

    public Database database() {
        return database;
    }

    /** Revocations and the enrollment side of the tunnel port. */
    public EnrollmentGate enrollment() {
        return enrollment;
    }

    /** Makes enrollment tokens for new clients. */
    public ClientTokens clientTokens() {
        return clientTokens;
    }

    /** This server in the registry of the servers sharing its database. */
    public Membership membership() {
        return membership;
    }

    public ListenerManager listeners() {
        return listeners;
    }

    public TunnelRegistry tunnels() {
        return tunnels;
    }

    public LiveConnections connections() {
        return connections;
    }

    public RunSwitches switches() {
        return switches;
    }

    public PrometheusMeterRegistry metricsRegistry() {
        return metricsRegistry;
    }

    public HistoryWriter history() {
        return history;
    }

    /** Refusals summed per deployment, partner address and reason. */
    public RefusalTally refusals() {
        return refusals;
    }

    /** Re-reads the store and applies it now (the reconciler also does so every second). */
    public void reconcile() {
        reconciler.reconcile();
    }

    /** The bound port of a deployment's listener (useful with port 0). */
    public int listenerPort(String deployment) {
        return listeners.get(deployment).map(LiveListener::port)
                .orElseThrow(() -> new IllegalArgumentException("no listener for deployment '" + deployment + "'"));
    }

    public int openConnections() {
        return serverLimit.open();
    }

    /**
     * Stops accepting clients and partners, sends GOAWAY on every tunnel connection and lets its
     * open streams finish (up to {@link TunnelCodecs#GRACEFUL_SHUTDOWN}), then closes what is left.
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (membership != null) {
            membership.close(); // first: the others and the clients stop counting on this server
        }
        reconciler.close();
        if (acceptor != null) {
            acceptor.close();
        }
        listeners.stopAccepting();
        List<ChannelFuture> closing = tunnels.all().stream().map(TunnelConnection::close).toList();
        long deadline = System.nanoTime() + TunnelCodecs.GRACEFUL_SHUTDOWN.plusSeconds(1).toNanos();
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        listeners.stopAll("server shutting down");
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        connector.close();
        partnerLogins.close();
        enrollment.close();
        refusals.close(); // its last counts go to the history before that is closed
        history.close();
        clientsSeen.close();
        database.close();
        LOG.info("usp-server stopped");
    }
}
