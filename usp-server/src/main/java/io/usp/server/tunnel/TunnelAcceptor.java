package io.usp.server.tunnel;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.usp.protocol.transport.Transport;
import io.usp.server.config.TunnelConfig;
import io.usp.server.enroll.EnrollmentGate;
import java.net.InetSocketAddress;
import java.time.Clock;

/** Binds the tunnel port that clients dial out to. */
public final class TunnelAcceptor {

    private final Channel channel;
    private final HandshakeLimits handshakes;

    private TunnelAcceptor(Channel channel, HandshakeLimits handshakes) {
        this.channel = channel;
        this.handshakes = handshakes;
    }

    public static TunnelAcceptor bind(EventLoopGroup boss, EventLoopGroup workers, SslContext tls,
                                      TunnelConfig config, TunnelRegistry registry, Clock clock,
                                      EnrollmentGate enrollment)
            throws InterruptedException {
        KnownAddresses known = new KnownAddresses(clock);
        registry.onUp(known);
        HandshakeLimits handshakes = new HandshakeLimits(config.maxHandshakes(), config.maxHandshakesPerIp(),
                known::knows);
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.TUNNEL_BUFFER)
                .childHandler(new TunnelInitializer(tls, config, registry, clock, handshakes, enrollment))
                .bind(config.bind(), config.port())
                .sync()
                .channel();
        return new TunnelAcceptor(channel, handshakes);
    }

    /** Connections in the TLS handshake now, and those the caps refused. */
    public HandshakeLimits handshakes() {
        return handshakes;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public void close() {
        channel.close().syncUninterruptibly();
    }
}
