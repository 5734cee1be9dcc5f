package io.usp.server.front;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.usp.server.dispatch.Refusal;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A front that reads a proxy request from the partner (HTTP CONNECT or SOCKS5) through Netty's
 * decoders placed before it. It reads only until the request is complete; whatever the partner
 * sends behind the request passes on, in order, to wait for the relay. A request that is not
 * complete within {@link #REQUEST_TIMEOUT} is refused.
 */
abstract class RequestFront extends ChannelInboundHandlerAdapter implements Front {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    protected final PartnerAuth auth;
    private Sink sink;
    private ScheduledFuture<?> timeout;
    private boolean complete;
    private boolean over;
    private boolean waiting;

    RequestFront(PartnerAuth auth) {
        this.auth = auth;
    }

    @Override
    public final void begin(ChannelHandlerContext ctx, Sink sink) {
        this.sink = sink;
        Channel partner = ctx.channel();
        timeout = ctx.executor().schedule(() -> fail(partner, Refusal.REQUEST_TIMEOUT,
                "no complete request within " + REQUEST_TIMEOUT.toSeconds() + " s", timedOut()),
                REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        partner.read();
    }

    /** One message from the decoders (or raw bytes no decoder took) while the request is read. */
    protected abstract void request(ChannelHandlerContext ctx, Object msg);

    /** The answer to a partner whose request did not come in time; null: just close. */
    protected abstract Object timedOut();

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (complete && msg instanceof ByteBuf) {
            ctx.fireChannelRead(msg); // sent behind the request: held until the relay takes it
        } else if (over || complete) {
            ReferenceCountUtil.release(msg);
        } else {
            request(ctx, msg);
        }
    }

    @Override
    public final void channelReadComplete(ChannelHandlerContext ctx) {
        if (!over && !complete && !waiting) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public final void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent && !over && !complete) {
            fail(ctx.channel(), Refusal.BAD_REQUEST, "the partner closed before its request was complete", null);
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /** While an asynchronous check runs, the partner is not read. */
    protected final void await(boolean checking, ChannelHandlerContext ctx) {
        waiting = checking;
        if (!checking && !over && !complete) {
            ctx.read();
        }
    }

    /**
     * The partner's request is read: {@code decoders} leave the pipeline (what they hold beyond
     * the request passes on, like everything the partner sends from here on) and the partner is
     * not read again until the relay starts.
     */
    protected final void complete(ChannelHandlerContext ctx, String... decoders) {
        complete = true;
        for (String decoder : decoders) {
            ctx.pipeline().remove(decoder);
        }
    }

    /** The request names its destination: the route decides it. */
    protected final void named(String host, int port) {
        if (over) {
            return; // timed out or closed while credentials were checked
        }
        over = true;
        timeout.cancel(false);
        sink.named(host, port);
    }

    /** Answers the partner with {@code answer} (if any), closes it, and reports the refusal. */
    protected final void fail(Channel partner, Refusal reason, String detail, Object answer) {
        if (over) {
            ReferenceCountUtil.release(answer);
            return;
        }
        over = true;
        timeout.cancel(false);
        answerAndClose(partner, answer);
        sink.failed(reason, detail);
    }

    protected static void answerAndClose(Channel partner, Object answer) {
        if (answer == null) {
            partner.close();
        } else {
            LingeringClose.answer(partner, answer);
        }
    }
}
