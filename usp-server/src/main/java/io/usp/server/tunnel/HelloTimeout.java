package io.usp.server.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection on the tunnel port that has sent nothing within {@code tunnel.helloTimeout}.
 * A client sends its TLS ClientHello as soon as it is connected; a connection that stays silent
 * would otherwise hold a handshake slot for the whole handshake timeout. Goes away at the first
 * bytes; {@link TunnelHandshake} tells the operator why the handshake failed.
 */
final class HelloTimeout extends ChannelInboundHandlerAdapter {

    private final Duration timeout;
    private ScheduledFuture<?> deadline;
    private boolean expired;

    HelloTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** True when it closed the connection because nothing came. */
    boolean expired() {
        return expired;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            expired = true;
            ctx.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        deadline.cancel(false);
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadline.cancel(false);
        ctx.fireChannelInactive();
    }
}
