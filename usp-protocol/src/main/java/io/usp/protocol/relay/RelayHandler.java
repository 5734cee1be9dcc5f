package io.usp.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds one end's events into its relay. One per channel: it knows which end it sits on. */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(RelayHandler.class);

    private final Relay relay;
    private final RelayEnd end;

    RelayHandler(Relay relay, RelayEnd end) {
        this.relay = relay;
        this.end = end;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf data) {
            relay.forward(end, data);
        } else if (msg instanceof Http2DataFrame frame) {
            relay.forward(end, frame.content());
            if (frame.isEndStream()) {
                relay.inputEnded(end);
            }
        } else if (msg instanceof Http2HeadersFrame trailers && trailers.isEndStream()) {
            relay.inputEnded(end);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        relay.readComplete(end);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            relay.writable(end);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            relay.inputEnded(end);
        } else if (evt instanceof Http2ResetFrame reset) {
            relay.abort(end.label() + " reset (" + reset.errorCode() + ")");
        } else if (evt instanceof IdleStateEvent) {
            relay.abort("idle timeout");
        } else if (evt instanceof Relay.AbortRequest request) {
            relay.abort(request.reason());
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        relay.channelClosed(end);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ConnectionReset.is(cause)) {
            relay.abort(end.label() + " reset");
            return;
        }
        LOG.debug("relay {} error on {}", end.label(), ctx.channel(), cause);
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        relay.abort(end.label() + " error: " + what);
    }
}
