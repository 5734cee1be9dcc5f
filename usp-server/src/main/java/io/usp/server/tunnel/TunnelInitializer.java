package io.usp.server.tunnel;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.usp.server.config.TunnelConfig;
import java.time.Clock;

/** Pipeline of an accepted tunnel connection: TLS first; framing is added once the client is known. */
final class TunnelInitializer extends ChannelInitializer<SocketChannel> {

    private final SslContext tls;
    private final TunnelConfig config;
    private final TunnelRegistry registry;
    private final Clock clock;

    TunnelInitializer(SslContext tls, TunnelConfig config, TunnelRegistry registry, Clock clock) {
        this.tls = tls;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        SslHandler ssl = tls.newHandler(ch.alloc());
        ssl.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
        ch.pipeline().addLast("tls", ssl);
        ch.pipeline().addLast("handshake", new TunnelHandshake(ssl, config, registry, clock));
    }
}
