package io.usp.server.enroll;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.ReferenceCountUtil;
import io.usp.protocol.Protocol;
import io.usp.protocol.enroll.EnrollRefusal;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of a {@code usp-enroll/1} connection after its TLS handshake: HTTP/1.1 framing,
 * a request capped at {@link Protocol#MAX_ENROLL_REQUEST}, a read timeout, and the handler.
 */
final class EnrollInitializer {

    /** Enrollment is one small request; a peer that takes longer to send it is holding a slot. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_INITIAL_LINE = 1024;
    private static final int MAX_HEADERS = 8 * 1024;

    private EnrollInitializer() {
    }

    static void configure(ChannelPipeline p, EnrollService service, Executor blocking,
                          Optional<X509Certificate> peer) {
        p.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, Protocol.MAX_ENROLL_REQUEST));
        p.addLast("aggregate", new CappedAggregator());
        p.addLast("timeout", new ReadTimeoutHandler(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        p.addLast("enroll", new EnrollHandler(service, blocking, peer));
    }

    /** Answers an oversized request with the typed JSON refusal instead of Netty's bare 413. */
    private static final class CappedAggregator extends HttpObjectAggregator {

        CappedAggregator() {
            super(Protocol.MAX_ENROLL_REQUEST);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ReferenceCountUtil.release(oversized);
            EnrollHandler.LOG.warn("enrollment from {} refused: {}", EnrollHandler.from(ctx),
                    EnrollRefusal.TOO_LARGE.wireName());
            EnrollAnswers.refuse(ctx, EnrollRefusal.TOO_LARGE,
                    "request larger than " + Protocol.MAX_ENROLL_REQUEST + " bytes");
        }
    }
}
