package io.usp.bench.push;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes up to a limit as fast as the connection takes it, and only while it is writable: what
 * it has pushed is what the path accepted, never a queue in this process. Counts bytes once the
 * socket took them. Whatever comes back is dropped.
 */
public final class Pusher extends ChannelInboundHandlerAdapter {

    static final int CHUNK = 64 * 1024;
    /** Random, so a compressing path gains nothing; shared and never released. */
    private static final ByteBuf PAYLOAD = Unpooled.unreleasableBuffer(Unpooled.directBuffer(CHUNK)
            .writeBytes(randomBytes(CHUNK)));

    private final long limit;
    private final AtomicLong pushed = new AtomicLong();
    private long queued;
    private volatile boolean stopped;
    private Promise<Long> done;
    private ChannelHandlerContext ctx;

    /** @param limit bytes to push in all; {@link Long#MAX_VALUE} for no limit */
    public Pusher(long limit) {
        this.limit = limit;
    }

    /** Bytes the socket has taken so far; readable from any thread. */
    public long pushed() {
        return pushed.get();
    }

    /** Completes when all of the limit was pushed, or fails when the connection fails first. */
    public Future<Long> done() {
        return done;
    }

    /** Stops pushing and closes the connection; what was not yet taken by the socket is dropped. */
    public void close() {
        stopped = true;
        ctx.close().syncUninterruptibly();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        done = ctx.executor().newPromise();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        fill(ctx);
        ctx.fireChannelActive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        fill(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        done.tryFailure(new IllegalStateException("the connection closed after " + pushed() + " bytes"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        done.tryFailure(cause);
        ctx.close();
    }

    private void fill(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!stopped && queued < limit && ctx.channel().isWritable()) {
            int n = (int) Math.min(CHUNK, limit - queued);
            queued += n;
            wrote = true;
            ctx.write(PAYLOAD.slice(0, n)).addListener(f -> {
                if (f.isSuccess() && pushed.addAndGet(n) == limit) {
                    done.trySuccess(limit);
                }
            });
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SplittableRandom(3).nextBytes(bytes);
        return bytes;
    }
}
