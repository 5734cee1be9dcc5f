package io.usp.protocol.relay;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds what a channel delivers before its relay exists, and hands it on when the relay removes
 * this handler. Auto-read off is not enough: the epoll transport reads a socket whose peer sent
 * data and FIN (EPOLLRDHUP) even when nobody asked, and a stream delivers the frames that came
 * with its {@code 200} in the same read; a TLS layer before it may have read the peer's
 * close_notify already.
 */
public class EarlyInput extends ChannelInboundHandlerAdapter {

    private final List<Object> held = new ArrayList<>();
    private boolean holding = true;

    /** Subclasses that look at the first messages themselves start holding later. */
    protected EarlyInput(boolean holdFromStart) {
        this.holding = holdFromStart;
    }

    public EarlyInput() {
        this(true);
    }

    protected final void startHolding() {
        holding = true;
    }

    protected final boolean holding() {
        return holding;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (holding) {
            held.add(msg);
        } else {
            super.channelRead(ctx, msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (!holding) {
            super.channelReadComplete(ctx);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (holding && ending(evt)) {
            held.add(evt);
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (held.isEmpty()) {
            return;
        }
        for (Object o : held) {
            if (ending(o)) {
                ctx.fireUserEventTriggered(o);
            } else {
                ctx.fireChannelRead(o);
            }
        }
        held.clear();
        ctx.fireChannelReadComplete();
    }

    /** The events that end a side's input, which the relay must see after the data before them. */
    private static boolean ending(Object evt) {
        return evt instanceof ChannelInputShutdownEvent || evt instanceof Http2ResetFrame
                || evt instanceof SslCloseCompletionEvent;
    }

    /** Releases what is still held if the channel closes before a relay took it. */
    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        held.forEach(ReferenceCountUtil::release);
        held.clear();
        super.channelInactive(ctx);
    }
}
