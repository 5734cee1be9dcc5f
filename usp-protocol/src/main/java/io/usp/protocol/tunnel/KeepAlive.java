package io.usp.protocol.tunnel;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP/2 PING whenever nothing was read for a ping interval. A PING still unanswered one interval
 * later is overdue: the peer counts as not answering (no new streams go to it) until it speaks
 * again. A peer that stays silent past the ping timeout is dead and its connection is closed,
 * which closes its streams. Counted in idle ticks, so no clock of its own.
 */
public final class KeepAlive extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(KeepAlive.class);

    private final Duration interval;
    private final Duration timeout;
    private int silentIntervals;
    private volatile boolean overdue;

    public KeepAlive(Duration interval, Duration timeout) {
        this.interval = interval;
        this.timeout = timeout;
    }

    static IdleStateHandler idleHandler(Duration interval) {
        return new IdleStateHandler(interval.toMillis(), 0, 0, TimeUnit.MILLISECONDS);
    }

    /** True while the peer has left a PING unanswered for a ping interval or longer. */
    public boolean pingOverdue() {
        return overdue;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (overdue) {
            overdue = false;
            LOG.info("tunnel peer {} answered again after {} ms silent", ctx.channel().remoteAddress(),
                    silent().toMillis());
        }
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
        if (silent().compareTo(timeout) >= 0) {
            LOG.warn("tunnel peer {} silent for {} ms (tunnel pingTimeout {} ms), closing the connection as dead",
                    ctx.channel().remoteAddress(), silent().toMillis(), timeout.toMillis());
            Http2ConnectionHandler http2 = ctx.pipeline().get(Http2ConnectionHandler.class);
            if (http2 != null) {
                http2.gracefulShutdownTimeoutMillis(0); // a dead peer finishes no stream: close now
            }
            ctx.close();
            return;
        }
        if (silentIntervals == 2) {
            overdue = true;
            LOG.warn("tunnel peer {} has not answered a PING for {} ms: counted as not answering until it speaks "
                    + "again (a server opens no new streams on it)", ctx.channel().remoteAddress(), interval.toMillis());
        }
        ctx.writeAndFlush(new DefaultHttp2PingFrame(System.nanoTime()));
    }

    private Duration silent() {
        return interval.multipliedBy(silentIntervals);
    }
}
