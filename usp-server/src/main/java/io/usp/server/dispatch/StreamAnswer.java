package io.usp.server.dispatch;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.usp.protocol.Protocol;
import io.usp.protocol.StreamError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits on a freshly opened stream for the client's answer to {@code CONNECT}: {@code 200} hands
 * the stream to the relay; an error status, a reset, a lost tunnel or no answer in time refuses.
 * Frames that arrive in the same read as the {@code 200} are held and passed on when this
 * handler is removed, which happens after the relay has joined the pipeline.
 */
final class StreamAnswer extends ChannelInboundHandlerAdapter {

    /** Longer than any sane client connect timeout; past it the partner is not kept waiting. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    interface Outcome {
        void accepted();

        void refused(Refusal reason, String detail);
    }

    private final Outcome outcome;
    private ScheduledFuture<?> timeout;
    private final List<Object> held = new ArrayList<>();
    private boolean answered;
    private boolean accepted;

    StreamAnswer(Outcome outcome) {
        this.outcome = outcome;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(
                () -> refuse(ctx, Refusal.NO_ANSWER, "client did not answer within " + ANSWER_TIMEOUT.toSeconds() + "s"),
                ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
        for (Object o : held) {
            if (o instanceof Http2ResetFrame reset) {
                ctx.fireUserEventTriggered(reset);
            } else {
                ctx.fireChannelRead(o);
            }
        }
        if (!held.isEmpty()) {
            ctx.fireChannelReadComplete();
        }
        held.clear();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (accepted) {
            held.add(msg);
            return;
        }
        try {
            if (answered || !(msg instanceof Http2HeadersFrame frame)) {
                return;
            }
            Http2Headers headers = frame.headers();
            if ("200".contentEquals(headers.status()) && !frame.isEndStream()) {
                answered = true;
                accepted = true;
                timeout.cancel(false);
                outcome.accepted();
                return;
            }
            StreamError error = StreamError.fromWire(headers.get(Protocol.ERROR_HEADER), StreamError.BAD_REQUEST);
            refuse(ctx, Refusal.of(error), "client answered " + headers.status() + " " + error.wireName());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (accepted && evt instanceof Http2ResetFrame) {
            held.add(evt);
        } else if (evt instanceof Http2ResetFrame reset) {
            refuse(ctx, Refusal.TUNNEL_LOST, "client reset the stream (" + reset.errorCode() + ")");
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (accepted) {
            ctx.fireChannelInactive();
            return;
        }
        refuse(ctx, Refusal.TUNNEL_LOST, "tunnel connection closed before the client answered");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        refuse(ctx, Refusal.TUNNEL_LOST, "stream failed: " + cause.getMessage());
    }

    private void refuse(ChannelHandlerContext ctx, Refusal reason, String detail) {
        if (answered) {
            return;
        }
        answered = true;
        timeout.cancel(false);
        ctx.close();
        outcome.refused(reason, detail);
    }
}
