package io.usp.client.dial;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.Http2SettingsFrame;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.usp.client.config.ClientConfig;
import io.usp.protocol.tls.TlsContexts;
import io.usp.protocol.tunnel.TunnelCodecs;
import java.util.function.Consumer;

/** Pipeline of a dialled tunnel connection: TLS, then (once verified) HTTP/2 as the HTTP/2 server. */
final class TunnelClientInitializer extends ChannelInitializer<SocketChannel> {

    private final ClientConfig config;
    private final SslContext tls;
    private final ChannelHandler streams;
    private final Consumer<Channel> onUp;
    private final Consumer<Throwable> onFailure;

    /**
     * {@code onUp} is told once the server accepted the tunnel; {@code onFailure} gets what failed a
     * connection before that, for the line that says why it is dialled again.
     */
    TunnelClientInitializer(ClientConfig config, SslContext tls, ChannelHandler streams, Consumer<Channel> onUp,
                            Consumer<Throwable> onFailure) {
        this.config = config;
        this.tls = tls;
        this.streams = streams;
        this.onUp = onUp;
        this.onFailure = onFailure;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        SslHandler ssl = TlsContexts.clientHandler(tls, ch.alloc(), config.server().host(), config.server().port());
        ch.pipeline().addLast("tls", ssl);
        ch.pipeline().addLast("tls-failure", new FirstFailure());
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
            ctx.pipeline().addBefore(TunnelCodecs.ERRORS, "accepted", new AcceptedByServer());
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            onFailure.accept(cause);
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** Keeps what TLS raised first (the server's alert comes after this side's handshake), and passes it on. */
    private final class FirstFailure extends ChannelInboundHandlerAdapter {

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onFailure.accept(cause);
            ctx.fireExceptionCaught(cause);
        }
    }

    /**
     * In TLS 1.3 the client's handshake ends before the server has judged the client's certificate;
     * the server's refusal comes after, as an alert. The server's first HTTP/2 SETTINGS frame is its
     * yes: only then is the tunnel up. What fails before that is the reason the Dialer logs.
     */
    private final class AcceptedByServer extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2SettingsFrame) {
                ctx.pipeline().remove(this);
                onUp.accept(ctx.channel());
            }
            ctx.fireChannelRead(msg);
        }
    }
}
