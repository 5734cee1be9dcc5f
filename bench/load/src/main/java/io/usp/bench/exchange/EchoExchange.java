package io.usp.bench.exchange;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request at a time through an echo target: {@link #send} writes the bytes and completes
 * with the round trip's nanoseconds once the same bytes came back, or fails when they differ,
 * the connection ends or no echo came within {@value #TIMEOUT_SECONDS} s. Auto-read stays on:
 * every byte is checked and released at once, nothing is held.
 */
public final class EchoExchange extends ChannelInboundHandlerAdapter {

    public static final long TIMEOUT_SECONDS = 5;

    private ChannelHandlerContext ctx;
    private ByteBuf expected;
    private int received;
    private long sentAt;
    private Promise<Long> pending;
    private ScheduledFuture<?> timeout;
    private Throwable broken;

    public Channel channel() {
        return ctx.channel();
    }

    /** Sends {@code payload} (from any thread) and completes with the round trip in nanoseconds. */
    public Future<Long> send(byte[] payload) {
        Promise<Long> promise = ctx.executor().newPromise();
        if (ctx.executor().inEventLoop()) {
            start(payload, promise);
        } else {
            ctx.executor().execute(() -> start(payload, promise));
        }
        return promise;
    }

    private void start(byte[] payload, Promise<Long> promise) {
        if (pending != null) {
            promise.setFailure(new IllegalStateException("an exchange is already under way"));
            return;
        }
        if (broken != null || !ctx.channel().isActive()) {
            promise.setFailure(broken != null ? broken : new ClosedChannelException());
            return;
        }
        pending = promise;
        expected = Unpooled.wrappedBuffer(payload);
        received = 0;
        timeout = ctx.executor().schedule(
                () -> fail(new TimeoutException("no echo within " + TIMEOUT_SECONDS + " s")),
                TIMEOUT_SECONDS, TimeUnit.SECONDS);
        ByteBuf out = ctx.alloc().buffer(payload.length).writeBytes(payload);
        sentAt = System.nanoTime();
        ctx.writeAndFlush(out).addListener(f -> {
            if (!f.isSuccess()) {
                fail(f.cause());
            }
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        long now = System.nanoTime();
        ByteBuf in = (ByteBuf) msg;
        try {
            int n = in.readableBytes();
            if (pending == null) {
                fail(new IllegalStateException(n + " bytes arrived while no request was outstanding"));
            } else if (received + n > expected.readableBytes()) {
                fail(new IllegalStateException("the echo returned more bytes than were sent ("
                        + (received + n) + " > " + expected.readableBytes() + ")"));
            } else if (!ByteBufUtil.equals(in, in.readerIndex(), expected, received, n)) {
                fail(new IllegalStateException("the echo differs from what was sent, within bytes "
                        + received + "-" + (received + n)));
            } else {
                received += n;
                if (received == expected.readableBytes()) {
                    finish().setSuccess(now - sentAt);
                }
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
    }

    /** Fails the outstanding request, if any, and closes: a late echo would spoil the next one. */
    private void fail(Throwable cause) {
        if (broken == null) {
            broken = cause;
        }
        if (pending != null) {
            finish().tryFailure(cause);
        }
        ctx.close();
    }

    private Promise<Long> finish() {
        Promise<Long> done = pending;
        pending = null;
        expected = null;
        timeout.cancel(false);
        return done;
    }
}
