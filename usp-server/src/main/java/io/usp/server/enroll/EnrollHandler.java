package io.usp.server.enroll;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutException;
import io.usp.protocol.Protocol;
import io.usp.protocol.enroll.EnrollJson;
import io.usp.protocol.enroll.EnrollMessages.EnrollRequest;
import io.usp.protocol.enroll.EnrollMessages.Issued;
import io.usp.protocol.enroll.EnrollMessages.RenewRequest;
import io.usp.protocol.enroll.EnrollRefusal;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the one request of an enrollment connection: routes it, reads its JSON, hands the work
 * (which waits for the store) to another thread and answers from there. Every outcome is logged
 * once with the peer's address; the token is never logged, nor is any part of the body.
 */
final class EnrollHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final Logger LOG = LoggerFactory.getLogger(EnrollHandler.class);

    private final EnrollService service;
    private final Executor blocking;
    private final Optional<X509Certificate> peer;
    private boolean served;

    EnrollHandler(EnrollService service, Executor blocking, Optional<X509Certificate> peer) {
        this.service = service;
        this.blocking = blocking;
        this.peer = peer;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (served) {
            return; // one request per connection; the answer closes it
        }
        served = true;
        if (ctx.pipeline().get("timeout") != null) {
            ctx.pipeline().remove("timeout"); // the request is in; a slow store must not cut off its answer
        }
        if (!request.decoderResult().isSuccess()) {
            refuse(ctx, EnrollRefusal.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (!path.equals(Protocol.ENROLL_PATH) && !path.equals(Protocol.RENEW_PATH)) {
            refuse(ctx, EnrollRefusal.NOT_FOUND, "no such path; use POST " + Protocol.ENROLL_PATH + " or "
                    + Protocol.RENEW_PATH);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            refuse(ctx, EnrollRefusal.BAD_REQUEST, "use POST");
            return;
        }
        byte[] body = new byte[request.content().readableBytes()];
        request.content().readBytes(body);
        try {
            blocking.execute(() -> serve(ctx, path, body));
        } catch (RejectedExecutionException e) {
            refuse(ctx, EnrollRefusal.UNAVAILABLE, "too many enrollments at once; try again shortly");
        }
    }

    /** Runs off the event loop: the store may be slow. */
    private void serve(ChannelHandlerContext ctx, String path, byte[] body) {
        String from = from(ctx);
        try {
            Issued issued;
            if (path.equals(Protocol.ENROLL_PATH)) {
                issued = service.enroll(read(body, EnrollRequest.class, "{\"token\", \"csr\"}"), from);
                LOG.info("client {} enrolled from {}, certificate valid until {}", issued.name(), from,
                        issued.notAfter());
            } else {
                issued = service.renew(peer, read(body, RenewRequest.class, "{\"csr\"}"), from);
                LOG.info("client {} renewed its certificate from {}, valid until {}", issued.name(), from,
                        issued.notAfter());
            }
            EnrollAnswers.send(ctx, HttpResponseStatus.OK, issued);
        } catch (EnrollException e) {
            refuse(ctx, e.refusal(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("enrollment from {} failed on the server: {}", from, e.toString());
            EnrollAnswers.refuse(ctx, EnrollRefusal.UNAVAILABLE, "the server could not finish; try again later");
        }
    }

    /** Jackson's messages may quote the body, which holds the token, so none of it is passed on. */
    private static <T> T read(byte[] body, Class<T> type, String shape) throws EnrollException {
        try {
            T value = EnrollJson.MAPPER.readValue(body, type);
            if (value == null) {
                throw new EnrollException(EnrollRefusal.BAD_REQUEST, "body must be the JSON object " + shape);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new EnrollException(EnrollRefusal.BAD_REQUEST, "body must be the JSON object " + shape
                    + " with string values and no other fields");
        } catch (IOException e) {
            throw new EnrollException(EnrollRefusal.BAD_REQUEST, "body must be the JSON object " + shape);
        }
    }

    private static void refuse(ChannelHandlerContext ctx, EnrollRefusal refusal, String message) {
        LOG.warn("enrollment from {} refused: {} ({})", from(ctx), refusal.wireName(), message);
        EnrollAnswers.refuse(ctx, refusal, message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ReadTimeoutException) {
            LOG.warn("enrollment from {} timed out: no complete request within {} s", from(ctx),
                    EnrollInitializer.READ_TIMEOUT.toSeconds());
        } else {
            LOG.warn("enrollment connection from {} failed: {}", from(ctx), cause.toString());
        }
        ctx.close();
    }

    static String from(ChannelHandlerContext ctx) {
        return String.valueOf(ctx.channel().remoteAddress()).replaceFirst("^/", "");
    }
}
