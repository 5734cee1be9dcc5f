package io.usp.protocol.tunnel;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses stream 1 on the dialling side. Netty's multiplexer takes a connection whose channel has no
 * server parent for an HTTP/2 client, so to it stream 1 opened by the peer is the HTTP/1.1 upgrade
 * stream (RFC 7540 §3.2), served only by an upgrade handler; without one it raised "Client is
 * misconfigured for upgrade requests" and then failed on the stream's first frame. The server opens
 * its streams from 3 on, so a stream 1 comes only from a peer that is no USP server: reset it.
 */
@Sharable
final class UpgradeStreamRefusal extends ChannelInboundHandlerAdapter {

    static final UpgradeStreamRefusal INSTANCE = new UpgradeStreamRefusal();
    private static final Logger LOG = LoggerFactory.getLogger(UpgradeStreamRefusal.class);

    private UpgradeStreamRefusal() {
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
        LOG.warn("tunnel connection {}: the server opened stream {}, which no USP server opens; resetting it",
                stream.parent().remoteAddress(), stream.stream().id());
        ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.REFUSED_STREAM)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg); // the request of a refused stream
    }
}
