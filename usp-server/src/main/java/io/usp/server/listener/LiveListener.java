package io.usp.server.listener;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.usp.deployments.Deployment;
import io.usp.deployments.route.FtpSettings;
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

    void update(Deployment newDeployment) {
        this.deployment = newDeployment;
        limits.update(newDeployment.limits());
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

    /** The passive ports and TLS context of an FTP deployment, made again when its settings change. */
    public synchronized FtpResources ftp(FtpSettings settings) {
        if (ftp == null || !ftp.settings().equals(settings)) {
            ftp = FtpResources.of(settings, ftp);
        }
        return ftp;
    }

    /** Open partner connections of this listener, so stopping it can close them. */
    public ChannelGroup partners() {
        return partners;
    }
}
