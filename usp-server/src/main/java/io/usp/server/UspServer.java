package io.usp.server;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ServerIdentity;
import io.usp.protocol.target.TargetConnector;
import io.usp.protocol.tls.TlsContexts;
import io.usp.protocol.transport.Transport;
import io.usp.protocol.tunnel.TunnelCodecs;
import io.usp.server.config.ServerConfig;
import io.usp.server.limits.ServerLimit;
import io.usp.server.listener.ListenerManager;
import io.usp.server.listener.LiveListener;
import io.usp.server.tunnel.TunnelAcceptor;
import io.usp.server.tunnel.TunnelConnection;
import io.usp.server.tunnel.TunnelRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running server: tunnel acceptor, listeners, and the registry that joins them. */
public final class UspServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UspServer.class);
    /** Direct deployments: how long the server waits for a target to accept. */
    public static final Duration DIRECT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final TargetConnector connector;
    private final TunnelRegistry tunnels = new TunnelRegistry();
    private final ListenerManager listeners;
    private final ServerLimit serverLimit;
    private TunnelAcceptor acceptor;

    private UspServer(ServerConfig config, Clock clock) {
        this.boss = Transport.group(1, "usp-accept");
        // One loop per core: with as many tunnel connections as loops (the client default is 2),
        // a partner usually finds a tunnel connection on its own loop (TunnelRegistry.pick).
        this.workers = Transport.group(Runtime.getRuntime().availableProcessors(), "usp-io");
        this.connector = new TargetConnector(DIRECT_CONNECT_TIMEOUT);
        this.serverLimit = new ServerLimit(config.maxConnections());
        this.listeners = new ListenerManager(boss, workers, serverLimit, tunnels, connector, clock);
    }

    /** Creates the CA on first use, binds the tunnel port, then every deployment's listener. */
    public static UspServer start(ServerConfig config, Clock clock) throws IOException, InterruptedException {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(config.dataDir());
        ServerIdentity identity = ca.serverIdentity(config.tunnel().names());
        SslContext tls = TlsContexts.tunnelServer(identity.certFile(), identity.keyFile(), identity.caFile());
        UspServer server = new UspServer(config, clock);
        try {
            server.acceptor = TunnelAcceptor.bind(server.boss, server.workers, tls, config.tunnel(), server.tunnels, clock);
            server.listeners.apply(config.deployments());
        } catch (Exception e) { // also the BindException Netty's sync() throws undeclared
            server.close();
            throw e;
        }
        LOG.info("usp-server up tunnel={}:{} deployments={} tls={} transport={}", config.tunnel().bind(),
                server.tunnelPort(), config.deployments().size(), TlsContexts.providerName(), Transport.name());
        return server;
    }

    public int tunnelPort() {
        return acceptor.port();
    }

    public ListenerManager listeners() {
        return listeners;
    }

    public TunnelRegistry tunnels() {
        return tunnels;
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
        LOG.info("usp-server stopped");
    }
}
