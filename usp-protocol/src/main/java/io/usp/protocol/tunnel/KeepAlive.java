package io.usp.protocol.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/2 PING whenever nothing was read for a ping interval; a peer that stays silent past the
 * ping timeout is dead and its connection is closed, which closes its streams.
 */
final class KeepAlive extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(KeepAlive.class);

    private final Duration interval;
    private final Duration timeout;
    private int silentIntervals;

    KeepAlive(Duration interval, Duration timeout) {
        this.interval = interval;
        this.timeout = timeout;
    }

    static IdleStateHandler idleHandler(Duration interval) {
        return new IdleStateHandler(interval.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        silentIntervals = 0;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (!(evt instanceof IdleStateEvent idle) || idle.state() != IdleState.READER_IDLE) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        silentIntervals++;
        if (interval.multipliedBy(silentIntervals).compareTo(timeout) >= 0) {
            LOG.warn("tunnel peer {} silent for {}s, closing the connection as dead",
                    ctx.channel().remoteAddress(), interval.multipliedBy(silentIntervals).toSeconds());
            ctx.close();
            return;
        }
        ctx.writeAndFlush(new DefaultHttp2PingFrame(System.nanoTime()));
    }
}
