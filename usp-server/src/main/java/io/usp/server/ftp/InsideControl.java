package io.usp.server.ftp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.usp.deployments.Target;
import io.usp.protocol.relay.EarlyInput;
import io.usp.protocol.relay.RelayEnd;
import io.usp.protocol.relay.StreamBytes;
import io.usp.protocol.tls.TlsFailure;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The session's control connection to the inside server, a socket or a tunnel stream (made to
 * carry bytes by {@link StreamBytes}), perhaps with TLS toward the target: line and reply
 * decoders, then the replies reach the session. Read as fast as they come: replies are small
 * and bounded. Its pipeline changes on the inside channel's own loop: handlers added from
 * another thread miss what it reads until then.
 */
final class InsideControl {

    /** The longest reply line from the inside server. */
    static final int MAX_LINE = 8192;

    private final RelayEnd inside;
    private final Target target;
    private final Optional<SslContext> tls;

    InsideControl(RelayEnd inside, Target target, Optional<SslContext> tls) {
        this.inside = inside;
        this.target = target;
        this.tls = tls;
    }

    /** The control handlers join, TLS first if {@code implicitTls}, and what came before the session is read by them. */
    void join(FtpSession session, boolean implicitTls) {
        onLoop(() -> {
            Channel in = inside.channel();
            if (in instanceof Http2StreamChannel) {
                in.pipeline().addLast("ftp-frames", new StreamBytes());
            }
            in.pipeline().addLast("ftp-lines", new LineBasedFrameDecoder(MAX_LINE))
                    .addLast("ftp-replies", new FtpReplyDecoder())
                    .addLast("ftp-control", new Replies(session));
            if (implicitTls) {
                addTls();
            }
            if (in.pipeline().get(EarlyInput.class) != null) {
                in.pipeline().remove(EarlyInput.class);
            }
            in.config().setAutoRead(true);
        });
    }

    /** TLS toward the target starts now (after {@code AUTH TLS} was answered); what is sent next waits for the handshake. */
    void startTls() {
        onLoop(this::addTls);
    }

    private void addTls() {
        inside.channel().pipeline().addBefore("ftp-lines", "tls", tlsHandler(inside.channel()));
    }

    /** Whether the session speaks FTPS toward the target. */
    boolean tls() {
        return tls.isPresent();
    }

    /**
     * A TLS client toward the target for {@code ch}. Every connection of the session names the
     * target's host and control port, so data connections offer the control connection's session
     * for reuse, as servers such as vsftpd require.
     */
    SslHandler tlsHandler(Channel ch) {
        return tls.orElseThrow().newHandler(ch.alloc(), target.host(), target.port());
    }

    /** A command line to the target: as bytes, which a stream's {@link StreamBytes} and a TLS layer both take. */
    void send(String line) {
        inside.channel().writeAndFlush(Unpooled.copiedBuffer(line, StandardCharsets.UTF_8));
    }

    void close() {
        inside.close();
        inside.channel().close();
    }

    private void onLoop(Runnable task) {
        if (inside.channel().eventLoop().inEventLoop()) {
            task.run();
        } else {
            inside.channel().eventLoop().execute(task);
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
