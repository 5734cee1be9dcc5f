package io.usp.server.listener;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.usp.deployments.Deployment;
import io.usp.deployments.route.FtpRoute;
import io.usp.server.ftp.FtpResources;
import io.usp.server.limits.ListenerLimits;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * A bound listener and what it serves. The deployment may be replaced while it runs (filter,
 * limits, target); new connections see the new one, open ones keep going.
 */
public final class LiveListener {

    private final ListenerStats stats;
    private final ChannelGroup partners = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ListenerLimits limits;
    private volatile Deployment deployment;
    private volatile Channel channel;
    private FtpResources ftp;

    LiveListener(Deployment deployment, ListenerStats stats, Clock clock) {
        this.deployment = deployment;
        this.stats = stats;
        this.limits = new ListenerLimits(deployment.limits(), clock);
    }

    public Deployment deployment() {
        return deployment;
    }

    /** @throws IllegalStateException when an FTP deployment's certificate or CA file cannot be used; nothing changes then */
    void update(Deployment newDeployment) {
        prepare(newDeployment);
        this.deployment = newDeployment;
        limits.update(newDeployment.limits());
    }

    /**
     * Makes what the deployment's connections will need and can fail on a file (an FTP
     * deployment's TLS contexts), so a bad file shows when the deployment is applied, not at a
     * partner's connection.
     */
    void prepare(Deployment d) {
        d.route().fold(fixed -> null, collection -> null, this::ftp);
    }

    void bound(Channel serverChannel) {
        this.channel = serverChannel;
    }

    Channel channel() {
        return channel;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public ListenerStats stats() {
        return stats;
    }

    public ListenerLimits limits() {
        return limits;
    }

    /** The passive ports and TLS contexts of an FTP deployment, made again when its route changes. */
    public synchronized FtpResources ftp(FtpRoute route) {
        if (ftp == null || !ftp.madeFor(route)) {
            ftp = FtpResources.of(route, ftp);
        }
        return ftp;
    }

    /** Open partner connections of this listener, so stopping it can close them. */
    public ChannelGroup partners() {
        return partners;
    }
}
