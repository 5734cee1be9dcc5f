package io.usp.server.e2e;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.usp.client.config.ClientConfig;
import io.usp.client.dial.Dialer;
import io.usp.client.dial.TunnelTls;
import io.usp.protocol.target.TargetConnector;
import io.usp.protocol.transport.Transport;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hung client: its tunnel comes up exactly as a real client's does (the client's own dialers,
 * certificate, TLS and HTTP/2 codecs), but it reads the stream requests the server sends and
 * never answers one.
 */
final class SilentClient implements AutoCloseable {

    private final EventLoopGroup group = Transport.group(1, "silent-client");
    private final TargetConnector lookups;
    private final List<Dialer> dialers = new ArrayList<>();
    private final AtomicInteger asked = new AtomicInteger();

    private SilentClient(ClientConfig config) {
        this.lookups = new TargetConnector(config.connectTimeout());
    }

    /** Dials {@code config.connections()} tunnel connections to the server of {@code config}. */
    static SilentClient start(ClientConfig config) throws IOException {
        SilentClient client = new SilentClient(config);
        TunnelTls tls = TunnelTls.load(config.tls());
        Silence silence = client.new Silence();
        for (int i = 0; i < config.connections(); i++) {
            Dialer dialer = new Dialer(i, config, client.group, tls, silence, client.lookups, Clock.systemUTC());
            client.dialers.add(dialer);
            dialer.start();
        }
        return client;
    }

    /** Stream requests that arrived and were left unanswered. */
    int asked() {
        return asked.get();
    }

    @Override
    public void close() {
        dialers.forEach(Dialer::stop);
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        lookups.close();
    }

    /** Set on every stream the server opens, in place of the client's stream request handler. */
    @Sharable
    private final class Silence extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame) {
                asked.incrementAndGet();
            }
            ReferenceCountUtil.release(msg);
        }
    }
}
