package io.usp.server.front;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.usp.deployments.Target;
import io.usp.server.dispatch.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Mode {@code ftp}: the destination is the deployment's FTP server, reached before the partner
 * is greeted (the greeting is the inside server's own). With implicit FTPS the partner's TLS
 * handshake comes first. A refusal is answered {@code 421} with a one-line reason.
 */
public final class FtpFront implements Front {

    private final Target target;

    private FtpFront(Target target) {
        this.target = target;
    }

    public static Front install(ChannelPipeline pipeline, Target target, Optional<SslContext> implicitTls) {
        implicitTls.ifPresent(tls -> pipeline.addFirst("tls", tls.newHandler(pipeline.channel().alloc())));
        return new FtpFront(target);
    }

    @Override
    public void begin(ChannelHandlerContext ctx, Sink sink) {
        sink.named(target.host(), target.port());
    }

    @Override
    public void connected(ChannelHandlerContext ctx) {
        // the session greets the partner with the inside server's 220
    }

    @Override
    public void refused(ChannelHandlerContext ctx, Refusal reason) {
        String why = switch (reason) {
            case NO_CLIENT, TUNNEL_LOST -> "the internal server cannot be reached now";
            case TARGET_TIMEOUT, NO_ANSWER -> "the internal server did not answer in time";
            default -> "the internal server refused the connection";
        };
        LingeringClose.answer(ctx.channel(), Unpooled.copiedBuffer("421 Service not available, " + why + "\r\n",
                StandardCharsets.US_ASCII));
    }
}
