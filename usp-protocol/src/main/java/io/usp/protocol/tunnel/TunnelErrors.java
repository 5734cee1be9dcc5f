package io.usp.protocol.tunnel;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last in a tunnel connection's pipeline: an error the HTTP/2 codec raised for the whole
 * connection (e.g. a peer's header block far beyond the limit) closes that connection, logged
 * once with the peer; other tunnel connections and their streams go on.
 *
 * <p>An HTTP/2 error goes out in the GOAWAY (RFC 9113 §5.4.1). Netty's codec tells the pipeline
 * of a connection error before it sends its own GOAWAY; a plain close here would send first,
 * a graceful GOAWAY with NO_ERROR, and Netty then keeps that one.
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
        Http2Exception error = Http2CodecUtil.getEmbeddedHttp2Exception(cause);
        Http2ConnectionHandler http2 = ctx.pipeline().get(Http2ConnectionHandler.class);
        if (error == null || http2 == null || http2.connection().goAwaySent()) {
            ctx.close();
            return;
        }
        ChannelHandlerContext codec = ctx.pipeline().context(http2);
        http2.goAway(codec, http2.connection().remote().lastStreamCreated(), error.error().code(),
                Http2CodecUtil.toByteBuf(codec, cause), codec.newPromise()).addListener(sent -> codec.close());
        codec.flush();
    }
}
