package io.usp.server.front;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Closes a refused partner after its answer without losing the answer: closing a socket with
 * unread input sends a reset, and a partner that sent more after its request (early data, the
 * rest of a pipelined request) would then lose the answer still in its receive buffer. So the
 * answer is followed by a FIN, what the partner still sends is read and dropped, and the socket
 * closes when the partner closes its side, or after {@link #LINGER_MS} at most.
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {

    static final long LINGER_MS = 2000;

    private LingeringClose() {
    }

    /** Writes {@code answer}, then closes as above. */
    static void answer(Channel partner, Object answer) {
        partner.writeAndFlush(answer).addListener(written -> {
            if (!written.isSuccess() || !(partner instanceof DuplexChannel socket) || !partner.isActive()) {
                partner.close();
                return;
            }
            socket.shutdownOutput().addListener(shut -> {
                partner.pipeline().addFirst("lingering-close", new LingeringClose());
                partner.eventLoop().schedule(() -> partner.close(), LINGER_MS, TimeUnit.MILLISECONDS);
                partner.config().setAutoRead(true);
                partner.read();
            });
        });
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg); // the partner's leftovers: nobody reads them any more
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // nothing reads on: the handlers behind are done with this partner
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            ctx.close(); // the partner closed its side: it has all it will read
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // a reset from the partner while lingering ends it as well
    }
}
