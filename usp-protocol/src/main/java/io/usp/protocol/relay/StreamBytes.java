package io.usp.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Makes a tunnel stream carry plain bytes, as a socket does, for the handlers behind it (a TLS
 * layer, a line decoder): DATA frames in become bytes, END_STREAM becomes the input shutdown
 * event a socket fires on FIN, and bytes written become DATA frames. Frames written as frames
 * pass unchanged. Sits first in the stream's pipeline.
 */
public final class StreamBytes extends ChannelDuplexHandler {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Http2DataFrame frame) {
            ByteBuf content = frame.content().retain();
            boolean end = frame.isEndStream();
            frame.release();
            if (content.isReadable()) {
                ctx.fireChannelRead(content);
            } else {
                content.release();
            }
            if (end) {
                ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            }
        } else if (msg instanceof Http2HeadersFrame trailers && trailers.isEndStream()) {
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    /** Reading a stream produces WINDOW_UPDATE frames for the tunnel connection: send them. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ((Http2StreamChannel) ctx.channel()).parent().flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ctx.write(msg instanceof ByteBuf bytes ? new DefaultHttp2DataFrame(bytes, false) : msg, promise);
    }
}
