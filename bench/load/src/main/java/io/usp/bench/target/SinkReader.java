package io.usp.bench.target;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Discards what a connection sends. With a rate, auto-read is off and a token bucket refilled
 * every tick decides when to read again, so the sender sees a reader of that speed; with rate
 * 0 auto-read is on and everything is dropped as it arrives.
 */
final class SinkReader extends ChannelInboundHandlerAdapter {

    static final int TICKS_PER_SECOND = 100;

    private final long bytesPerSecond;
    private final double burst;
    private double tokens;
    private long refilledAt;
    private boolean reading;
    private ScheduledFuture<?> ticks;

    SinkReader(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.burst = Math.max(64 * 1024, bytesPerSecond / 10.0);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (bytesPerSecond > 0) {
            refilledAt = System.nanoTime();
            long tick = TimeUnit.SECONDS.toNanos(1) / TICKS_PER_SECOND;
            ticks = ctx.executor().scheduleAtFixedRate(() -> refill(ctx), tick, tick, TimeUnit.NANOSECONDS);
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            tokens -= buf.readableBytes();
        }
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        readIfAllowed(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ticks != null) {
            ticks.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void refill(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + bytesPerSecond * ((now - refilledAt) / 1e9));
        refilledAt = now;
        readIfAllowed(ctx);
    }

    private void readIfAllowed(ChannelHandlerContext ctx) {
        if (bytesPerSecond > 0 && tokens > 0 && !reading) {
            reading = true;
            ctx.read();
        }
    }
}
