package io.usp.server.tunnel;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.usp.server.config.TunnelConfig;
import io.usp.server.enroll.EnrollmentGate;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipeline of an accepted tunnel connection: the handshake caps first (over one: closed before
 * any TLS work), the wait for the first bytes, then TLS; framing is added once the client is known.
 */
final class TunnelInitializer extends ChannelInitializer<SocketChannel> {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelInitializer.class);

    private final SslContext tls;
    private final TunnelConfig config;
    private final TunnelRegistry registry;
    private final Clock clock;
    private final HandshakeLimits handshakes;
    private final EnrollmentGate enrollment;

    TunnelInitializer(SslContext tls, TunnelConfig config, TunnelRegistry registry, Clock clock,
                      HandshakeLimits handshakes, EnrollmentGate enrollment) {
        this.tls = tls;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
        this.handshakes = handshakes;
        this.enrollment = enrollment;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        InetSocketAddress from = ch.remoteAddress();
        if (from == null) {
            ch.close(); // reset before it got here: nothing to serve
            return;
        }
        var over = handshakes.tryAcquire(from.getAddress());
        if (over.isPresent()) {
            String cap = over.get() == HandshakeLimits.Cap.SERVER
                    ? config.maxHandshakes() + ", " + HandshakeLimits.reserved(config.maxHandshakes())
                            + " of them kept for addresses clients connected from lately"
                    : String.valueOf(config.maxHandshakesPerIp());
            LOG.warn("tunnel connection from {} refused: too many TLS handshakes in progress (tunnel.{} = {})", from,
                    over.get().setting(), cap);
            ch.close();
            return;
        }
        SslHandler ssl = tls.newHandler(ch.alloc());
        ssl.setHandshakeTimeoutMillis(config.handshakeTimeout().toMillis());
        HandshakeSlot slot = new HandshakeSlot(handshakes, from.getAddress());
        ssl.handshakeFuture().addListener(slot);
        ch.closeFuture().addListener(slot);
        ch.pipeline().addLast("hello", new HelloTimeout(config.helloTimeout()));
        ch.pipeline().addLast("tls", ssl);
        ch.pipeline().addLast("handshake", new TunnelHandshake(ssl, config, registry, clock, enrollment));
    }
}
