package io.usp.server.tunnel;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.usp.protocol.Protocol;
import io.usp.protocol.tls.TlsContexts;
import io.usp.protocol.tunnel.KeepAlive;
import io.usp.protocol.tunnel.TunnelCodecs;
import io.usp.server.config.TunnelConfig;
import io.usp.server.enroll.EnrollmentGate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the TLS handshake, then dispatches on the agreed ALPN protocol. {@code usp/1}: a
 * client with a valid certificate that is not revoked gets the HTTP/2 framing (as the HTTP/2
 * client: roles are reversed) and joins the registry. {@code usp-enroll/1}: the connection becomes
 * an enrollment exchange, with or without a client certificate. Anything else is logged and
 * closed, touching no other connection.
 */
final class TunnelHandshake extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelHandshake.class);

    private final SslHandler ssl;
    private final TunnelConfig config;
    private final TunnelRegistry registry;
    private final Clock clock;
    private final EnrollmentGate gate;
    private boolean failureLogged;

    TunnelHandshake(SslHandler ssl, TunnelConfig config, TunnelRegistry registry, Clock clock, EnrollmentGate gate) {
        this.ssl = ssl;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.gate = gate;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (!done.isSuccess()) {
            HelloTimeout hello = ctx.pipeline().get(HelloTimeout.class);
            LOG.warn("tunnel handshake from {} failed: {}", ctx.channel().remoteAddress(), hello != null
                    && hello.expired() ? "the peer sent nothing within tunnel.helloTimeout ("
                    + config.helloTimeout().toMillis() + " ms): a scanner, or a flood holding handshake slots"
                    : HandshakeFailures.explain(done.cause()));
            failureLogged = true; // the same failure also reaches exceptionCaught: one line is enough
            ctx.close();
            return;
        }
        String client;
        X509Certificate certificate;
        try {
            String protocol = TlsContexts.serverProtocol(ssl);
            if (Protocol.ENROLL_ALPN.equals(protocol)) {
                enroll(ctx);
                return;
            }
            // usp/1 still needs a verified certificate: the handshake only asked for one (enrolling clients have none)
            client = TlsContexts.peerName(ssl.engine().getSession());
            certificate = (X509Certificate) ssl.engine().getSession().getPeerCertificates()[0];
        } catch (Exception e) {
            // "failed", as for a handshake TLS itself refused: to the operator both are a failed tunnel handshake
            LOG.warn("tunnel handshake from {} failed: {}", ctx.channel().remoteAddress(), HandshakeFailures.explain(e));
            ctx.close();
            return;
        }
        gate.revocations().watch(client, ctx.channel()); // before the check: a racing revocation closes it
        if (gate.revocations().refuses(client, certificate)) {
            LOG.warn("tunnel handshake from {} failed: client '{}' is revoked (certificate serial {})",
                    ctx.channel().remoteAddress(), client, certificate.getSerialNumber().toString(16));
            ctx.close();
            return;
        }
        ChannelPipeline p = ctx.pipeline();
        p.remove(this);
        KeepAlive keepAlive = TunnelCodecs.addAcceptingSide(p, config.pingInterval(), config.pingTimeout(),
                RefuseInboundStreams.INSTANCE);
        registry.add(new TunnelConnection(client, certificate, ctx.channel(), clock.instant(), keepAlive));
    }

    private void enroll(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
        gate.serve(ctx.channel(), TlsContexts.peerCertificate(ssl.engine().getSession()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!failureLogged) {
            LOG.warn("tunnel connection from {} failed: {}", ctx.channel().remoteAddress(),
                    HandshakeFailures.explain(cause));
            failureLogged = true;
        }
        ctx.close();
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
