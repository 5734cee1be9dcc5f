package io.usp.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.ssl.SslCloseCompletionEvent;
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
            inOrder(ctx, () -> relay.inputEnded(end)); // a FIN or END_STREAM: the peer sends no more
        } else if (evt instanceof SslCloseCompletionEvent closed && closed.isSuccess()) {
            // TLS close_notify: no more data. Some peers (vsftpd) send their FIN only after our
            // close_notify, so the other side is told now; one more read takes in the FIN or
            // END_STREAM that follows, without which a stream never closes.
            inOrder(ctx, () -> {
                relay.inputEnded(end);
                ctx.channel().read();
            });
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
        inOrder(ctx, () -> relay.channelClosed(end));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ConnectionReset.is(cause)) {
            inOrder(ctx, () -> relay.failed(end, end.label() + " reset"));
            return;
        }
        LOG.debug("relay {} error on {}", end.label(), ctx.channel(), cause);
        String what = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        inOrder(ctx, () -> relay.failed(end, end.label() + " error: " + what));
    }

    /**
     * Runs the handling of an end, an error or a close now, or on a TLS end after what its TLS
     * layer still hands on: the records decoded with the handshake come in tasks of their own,
     * and an end, a reset or a close seen before them would cut them off.
     */
    private void inOrder(ChannelHandlerContext ctx, Runnable handling) {
        if (end instanceof TlsEnd) {
            ctx.executor().execute(handling);
        } else {
            handling.run();
        }
    }
}
