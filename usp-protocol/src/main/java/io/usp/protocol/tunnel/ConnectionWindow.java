package io.usp.protocol.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameCodec;

/**
 * Raises the connection-level receive window to its maximum once the connection is up.
 * Netty starts it at 64 KiB whatever SETTINGS say (docs/protocol.md, section 2). A stream
 * whose peer is slow keeps its unread bytes against the connection window; with the window at
 * its maximum only the per-stream windows bound memory, and one slow stream cannot stall the
 * others.
 */
final class ConnectionWindow extends ChannelInboundHandlerAdapter {

    private final Http2FrameCodec codec;

    ConnectionWindow(Http2FrameCodec codec) {
        this.codec = codec;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Http2Exception {
        if (ctx.channel().isActive()) {
            raise(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        raise(ctx);
        super.channelActive(ctx);
    }

    private void raise(ChannelHandlerContext ctx) throws Http2Exception {
        Http2Connection connection = codec.connection();
        int current = connection.local().flowController().windowSize(connection.connectionStream());
        int delta = Integer.MAX_VALUE - current;
        if (delta > 0) {
            connection.local().flowController().incrementWindowSize(connection.connectionStream(), delta);
            ctx.flush();
        }
        ctx.pipeline().remove(this);
    }
}
