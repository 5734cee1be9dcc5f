package io.usp.server.tunnel;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.usp.protocol.tls.TlsContexts;
import io.usp.protocol.tunnel.TunnelCodecs;
import io.usp.server.config.TunnelConfig;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the TLS handshake. A client with a valid certificate that speaks {@code usp/1} gets
 * the HTTP/2 framing (as the HTTP/2 client: roles are reversed) and joins the registry; anything
 * else is logged and closed, touching no other connection.
 */
final class TunnelHandshake extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelHandshake.class);

    private final SslHandler ssl;
    private final TunnelConfig config;
    private final TunnelRegistry registry;
    private final Clock clock;

    TunnelHandshake(SslHandler ssl, TunnelConfig config, TunnelRegistry registry, Clock clock) {
        this.ssl = ssl;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (!done.isSuccess()) {
            LOG.warn("tunnel handshake from {} failed: {}", ctx.channel().remoteAddress(), describe(done.cause()));
            ctx.close();
            return;
        }
        String client;
        X509Certificate certificate;
        try {
            TlsContexts.requireAlpn(ssl);
            client = TlsContexts.peerName(ssl.engine().getSession());
            certificate = (X509Certificate) ssl.engine().getSession().getPeerCertificates()[0];
        } catch (Exception e) {
            LOG.warn("tunnel from {} refused: {}", ctx.channel().remoteAddress(), e.getMessage());
            ctx.close();
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        p.remove(this);
        TunnelCodecs.addAcceptingSide(p, config.pingInterval(), config.pingTimeout(), RefuseInboundStreams.INSTANCE);
        registry.add(new TunnelConnection(client, certificate, ctx.channel(), clock.instant()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("tunnel connection from {} failed: {}", ctx.channel().remoteAddress(), describe(cause));
        ctx.close();
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? String.valueOf(cause.getMessage()) : cause.getMessage() + " (" + root.getMessage() + ")";
    }

    /** The server opens every stream; a stream opened by a client is a protocol violation. */
    @Sharable
    static final class RefuseInboundStreams extends ChannelInboundHandlerAdapter {
        static final RefuseInboundStreams INSTANCE = new RefuseInboundStreams();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            if (ctx.channel() instanceof Http2StreamChannel stream) {
                LOG.warn("client opened stream {} on its tunnel; only the server opens streams, resetting it",
                        stream.stream().id());
            }
            ctx.close();
        }
    }
}
