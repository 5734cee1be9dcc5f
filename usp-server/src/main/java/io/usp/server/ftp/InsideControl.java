package io.usp.server.ftp;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.usp.protocol.tls.TlsFailure;

/**
 * The session's control connection to the inside server, a socket or a tunnel stream (made to
 * carry bytes by {@link io.usp.protocol.relay.StreamBytes}), perhaps with TLS: line and reply
 * decoders, then the replies reach the session. Read as fast as they come: replies are small
 * and bounded.
 */
final class InsideControl {

    /** The longest reply line from the inside server. */
    static final int MAX_LINE = 8192;

    private InsideControl() {
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
                    + TlsFailure.messages(cause)));
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            session.onPartnerLoop(() -> session.insideGone("the inside server closed the control connection"));
            super.channelInactive(ctx);
        }
    }
}
