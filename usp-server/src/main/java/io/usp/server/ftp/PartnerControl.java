package io.usp.server.ftp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.usp.protocol.relay.Relay;
import java.nio.charset.StandardCharsets;

/** The partner's control connection: lines to the session, within {@value #MAX_LINE} bytes. */
final class PartnerControl extends ChannelInboundHandlerAdapter {

    static final int MAX_LINE = 4096;

    private final FtpSession session;

    PartnerControl(FtpSession session) {
        this.session = session;
    }

    static LineBasedFrameDecoder lines() {
        return new LineBasedFrameDecoder(MAX_LINE, true, true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf line = (ByteBuf) msg;
        try {
            session.command(line.toString(StandardCharsets.UTF_8));
        } finally {
            line.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            session.partnerMalformed("TLS handshake failed: " + done.cause().getMessage());
            return;
        }
        if (evt instanceof Relay.AbortRequest abort) {
            session.abort(abort.reason()); // an admin closed it, or its listener stopped
            return;
        }
        if (evt instanceof IdleStateEvent) {
            session.idle();
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent) {
            session.partnerGone(); // FTP has no half-close: a partner that stops sending is done
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.partnerMalformed(cause instanceof TooLongFrameException
                ? "sent a command line over " + MAX_LINE + " bytes" : "control connection failed: " + cause.getMessage());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        session.partnerGone();
        super.channelInactive(ctx);
    }
}
