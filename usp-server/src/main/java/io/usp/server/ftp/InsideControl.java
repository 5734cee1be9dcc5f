package io.usp.server.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * The session's control connection to the inside server, a socket or a tunnel stream: this
 * handler sits first and hands bytes to the line and reply decoders behind it; the replies
 * that come out reach the session. Read as fast as they come: replies are small and bounded.
 */
final class InsideControl {

    /** The longest reply line from the inside server. */
    static final int MAX_LINE = 8192;

    private InsideControl() {
    }

    /** Turns a stream's DATA frames into bytes; END_STREAM closes the stream. */
    static final class StreamBytes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2DataFrame frame) {
                ByteBuf content = frame.content().retain();
                boolean end = frame.isEndStream();
                frame.release();
                ctx.fireChannelRead(content);
                if (end) {
                    ctx.close();
                }
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ((Http2StreamChannel) ctx.channel()).parent().flush(); // the WINDOW_UPDATEs reading produced
            ctx.fireChannelReadComplete();
        }
    }

    /** The end of the inside pipeline: replies to the session, trouble ends it. */
    static final class Replies extends ChannelInboundHandlerAdapter {
        private final FtpSession session;

        Replies(FtpSession session) {
            this.session = session;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            FtpReply reply = (FtpReply) msg;
            session.onPartnerLoop(() -> session.reply(reply));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.close(); // the inside server closed its side: the session is over
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            session.onPartnerLoop(() -> session.insideGone("the inside server's control connection failed: "
                    + cause.getMessage()));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            session.onPartnerLoop(() -> session.insideGone("the inside server closed the control connection"));
            super.channelInactive(ctx);
        }
    }
}
