package io.usp.server.tunnel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.usp.protocol.transport.Transport;
import io.usp.server.config.TunnelConfig;
import java.net.InetSocketAddress;
import java.time.Clock;

/** Binds the tunnel port that clients dial out to. */
public final class TunnelAcceptor {

    private final Channel channel;

    private TunnelAcceptor(Channel channel) {
        this.channel = channel;
    }

    public static TunnelAcceptor bind(EventLoopGroup boss, EventLoopGroup workers, SslContext tls,
                                      TunnelConfig config, TunnelRegistry registry, Clock clock)
            throws InterruptedException {
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.TUNNEL_BUFFER)
                .childHandler(new TunnelInitializer(tls, config, registry, clock))
                .bind(config.bind(), config.port())
                .sync()
                .channel();
        return new TunnelAcceptor(channel);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public void close() {
        channel.close().syncUninterruptibly();
    }
}
