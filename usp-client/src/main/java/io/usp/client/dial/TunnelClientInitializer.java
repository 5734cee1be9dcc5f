package io.usp.client.dial;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.usp.client.config.ClientConfig;
import io.usp.protocol.tls.TlsContexts;
import io.usp.protocol.tunnel.TunnelCodecs;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pipeline of a dialled tunnel connection: TLS, then (once verified) HTTP/2 as the HTTP/2 server. */
final class TunnelClientInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelClientInitializer.class);

    private final ClientConfig config;
    private final SslContext tls;
    private final ChannelHandler streams;
    private final Consumer<Channel> onUp;

    TunnelClientInitializer(ClientConfig config, SslContext tls, ChannelHandler streams, Consumer<Channel> onUp) {
        this.config = config;
        this.tls = tls;
        this.streams = streams;
        this.onUp = onUp;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        SslHandler ssl = TlsContexts.clientHandler(tls, ch.alloc(), config.server().host(), config.server().port());
        ch.pipeline().addLast("tls", ssl);
        ch.pipeline().addLast("handshake", new Handshake(ssl));
    }

    /** Adds the HTTP/2 framing once TLS is up and the server agreed on {@code usp/1}. */
    private final class Handshake extends ApplicationProtocolNegotiationHandler {
        private final SslHandler ssl;

        Handshake(SslHandler ssl) {
            super("none");
            this.ssl = ssl;
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) throws Exception {
            TlsContexts.requireAlpn(ssl);
            TunnelCodecs.addDiallingSide(ctx.pipeline(), config.pingInterval(), config.pingTimeout(), streams);
            onUp.accept(ctx.channel());
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            LOG.error("TLS handshake with server {}:{} failed: {}", config.server().host(), config.server().port(),
                    cause.getMessage());
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("tunnel connection to {}:{} failed: {}", config.server().host(), config.server().port(),
                    cause.getMessage());
            ctx.close();
        }
    }
}
