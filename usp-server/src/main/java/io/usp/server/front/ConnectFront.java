package io.usp.server.front;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.usp.server.dispatch.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Mode {@code connect}: the partner names its destination in an HTTP CONNECT request
 * (RFC 9110 §9.3.6) and is answered {@code 200} once it is connected, or with the status of
 * its refusal and a one-line reason. The request line is capped at {@value #MAX_LINE} bytes
 * and the header block at {@value #MAX_HEADERS}.
 */
public final class ConnectFront extends RequestFront {

    static final int MAX_LINE = 4096;
    static final int MAX_HEADERS = 8192;
    private static final String DECODER = "connect-decoder";
    private static final String ENCODER = "connect-encoder";

    private ConnectFront(PartnerAuth auth) {
        super(auth);
    }

    /** Adds the HTTP codec and this front before {@code before}. */
    public static Front install(ChannelPipeline pipeline, String before, PartnerAuth auth) {
        ConnectFront front = new ConnectFront(auth);
        pipeline.addBefore(before, DECODER, new HttpRequestDecoder(new HttpDecoderConfig()
                        .setMaxInitialLineLength(MAX_LINE).setMaxHeaderSize(MAX_HEADERS)))
                .addBefore(before, ENCODER, new HttpResponseEncoder())
                .addBefore(before, "connect", front);
        return front;
    }

    @Override
    protected void request(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpRequest request) {
                read(ctx, request);
            }
            // the request's (empty) content, or bytes after a failed request: nothing to do
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void read(ChannelHandlerContext ctx, HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            HttpResponseStatus status = cause instanceof TooLongHttpLineException
                    ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : cause instanceof TooLongHttpHeaderException
                    ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE : HttpResponseStatus.BAD_REQUEST;
            refuse(ctx, Refusal.BAD_REQUEST, "malformed request: " + cause.getMessage(), status,
                    "malformed request");
            return;
        }
        if (!HttpMethod.CONNECT.equals(request.method())) {
            FullHttpResponse answer = answer(HttpResponseStatus.METHOD_NOT_ALLOWED, "only CONNECT is served here");
            answer.headers().set(HttpHeaderNames.ALLOW, "CONNECT");
            fail(ctx.channel(), Refusal.BAD_REQUEST, "method " + request.method() + " instead of CONNECT", answer);
            return;
        }
        complete(ctx, DECODER);
        Optional<Authority> authority = Authority.parse(request.uri());
        if (authority.isEmpty()) {
            refuse(ctx, Refusal.BAD_REQUEST, "CONNECT target is not host:port: " + printable(request.uri()),
                    HttpResponseStatus.BAD_REQUEST, "the CONNECT target must be host:port");
            return;
        }
        if (!auth.required()) {
            named(authority.get().host(), authority.get().port());
            return;
        }
        Optional<String[]> credentials = basic(request.headers().get(HttpHeaderNames.PROXY_AUTHORIZATION));
        if (credentials.isEmpty()) {
            fail(ctx.channel(), Refusal.PARTNER_AUTH, "no Proxy-Authorization: Basic credentials",
                    authenticate());
            return;
        }
        auth.check(credentials.get()[0], credentials.get()[1], ctx.channel().remoteAddress())
                .whenCompleteAsync((verdict, error) -> {
                    if (error != null) {
                        refuse(ctx, Refusal.PARTNER_AUTH, "credential check failed: " + error,
                                HttpResponseStatus.INTERNAL_SERVER_ERROR, "credentials could not be checked");
                    } else if (!verdict.accepted()) {
                        fail(ctx.channel(), Refusal.PARTNER_AUTH, verdict.detail(), authenticate());
                    } else {
                        named(authority.get().host(), authority.get().port());
                    }
                }, ctx.executor());
    }

    @Override
    public void connected(ChannelHandlerContext ctx) {
        ctx.channel().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                new HttpResponseStatus(200, "Connection established")));
        ctx.pipeline().remove(ENCODER);
        ctx.pipeline().remove(this);
    }

    @Override
    public void refused(ChannelHandlerContext ctx, Refusal reason) {
        answerAndClose(ctx.channel(), switch (reason) {
            case NO_RULE, BLOCKED_BY_RULE, NOT_ALLOWED -> answer(HttpResponseStatus.FORBIDDEN,
                    "destination not allowed");
            case TARGET_REFUSED -> answer(HttpResponseStatus.BAD_GATEWAY, "destination refused the connection");
            case TARGET_UNREACHABLE -> answer(HttpResponseStatus.BAD_GATEWAY, "destination unreachable");
            case TARGET_TIMEOUT, NO_ANSWER -> answer(HttpResponseStatus.GATEWAY_TIMEOUT,
                    "destination did not answer in time");
            case BAD_REQUEST -> answer(HttpResponseStatus.BAD_REQUEST, "bad destination");
            default -> answer(HttpResponseStatus.BAD_GATEWAY, "destination not reachable now");
        });
    }

    @Override
    protected Object timedOut() {
        return answer(HttpResponseStatus.REQUEST_TIMEOUT, "no complete CONNECT request in time");
    }

    private void refuse(ChannelHandlerContext ctx, Refusal reason, String detail, HttpResponseStatus status,
                        String why) {
        fail(ctx.channel(), reason, detail, answer(status, why));
    }

    private static FullHttpResponse authenticate() {
        FullHttpResponse answer = answer(HttpResponseStatus.PROXY_AUTHENTICATION_REQUIRED, "credentials required");
        answer.headers().set(HttpHeaderNames.PROXY_AUTHENTICATE, "Basic realm=\"usp\", charset=\"UTF-8\"");
        return answer;
    }

    private static FullHttpResponse answer(HttpResponseStatus status, String reason) {
        FullHttpResponse answer = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(reason + "\n", StandardCharsets.UTF_8));
        answer.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.content().readableBytes())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return answer;
    }

    /** {@code user:password} of a {@code Basic} header, empty when absent or not Basic. */
    static Optional<String[]> basic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String pair = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {pair.substring(0, colon), pair.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64: treated as absent, answered 407
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
