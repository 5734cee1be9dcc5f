package io.usp.server.dispatch;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.usp.protocol.Protocol;
import io.usp.protocol.StreamError;
import io.usp.protocol.relay.EarlyInput;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits on a freshly opened stream for the client's answer to {@code CONNECT}: {@code 200} hands
 * the stream to the relay; an error status, a reset, a lost tunnel or no answer in time refuses.
 * After the {@code 200} it holds what follows until the relay removes it.
 */
final class StreamAnswer extends EarlyInput {

    interface Outcome {
        void accepted();

        void refused(Refusal reason, String detail);
    }

    private final Duration answerTimeout;
    private final Outcome outcome;
    private ScheduledFuture<?> timeout;
    private boolean answered;

    /** {@code answerTimeout}: past it the partner is refused as {@link Refusal#NO_ANSWER}. */
    StreamAnswer(Duration answerTimeout, Outcome outcome) {
        super(false);
        this.answerTimeout = answerTimeout;
        this.outcome = outcome;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> refuse(ctx, Refusal.NO_ANSWER, "client did not answer within "
                + answerTimeout.toMillis() + " ms (tunnel.answerTimeout)"), answerTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        timeout.cancel(false);
        super.handlerRemoved(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (holding()) {
            super.channelRead(ctx, msg);
            return;
        }
        try {
            if (answered || !(msg instanceof Http2HeadersFrame frame)) {
                return;
            }
            Http2Headers headers = frame.headers();
            if ("200".contentEquals(headers.status()) && !frame.isEndStream()) {
                answered = true;
                timeout.cancel(false);
                startHolding();
                outcome.accepted();
                return;
            }
            StreamError error = StreamError.fromWire(headers.get(Protocol.ERROR_HEADER), StreamError.BAD_REQUEST);
            refuse(ctx, Refusal.of(error), "client answered " + headers.status() + " " + error.wireName());
        } finally {
            ReferenceCountUtil.release(msg); // the answer itself is never held
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!holding() && evt instanceof Http2ResetFrame reset) {
            refuse(ctx, Refusal.TUNNEL_LOST, "client reset the stream (" + reset.errorCode() + ")");
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        refuse(ctx, Refusal.TUNNEL_LOST,
                "stream closed before the client answered (tunnel connection lost, or the stream could not open)");
        super.channelInactive(ctx);
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
