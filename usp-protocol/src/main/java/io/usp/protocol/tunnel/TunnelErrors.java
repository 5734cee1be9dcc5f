package io.usp.protocol.tunnel;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in a tunnel connection's pipeline: an error the HTTP/2 codec raised for the whole
 * connection (e.g. a peer's header block far beyond the limit) closes that connection, logged
 * once with the peer; other tunnel connections and their streams go on.
 */
@Sharable
final class TunnelErrors extends ChannelInboundHandlerAdapter {

    static final TunnelErrors INSTANCE = new TunnelErrors();
    private static final Logger LOG = LoggerFactory.getLogger(TunnelErrors.class);

    private TunnelErrors() {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("tunnel connection {} failed, closing it: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
