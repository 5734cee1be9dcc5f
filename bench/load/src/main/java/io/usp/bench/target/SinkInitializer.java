package io.usp.bench.target;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.SocketChannel;

/** Pipeline of a sink connection: one {@link SinkReader}, reading in chunks small enough to pace. */
final class SinkInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MIN_CHUNK = 1024;
    private static final int MAX_CHUNK = 64 * 1024;

    private final long bytesPerSecond;

    SinkInitializer(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("sink rate cannot be negative: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (bytesPerSecond > 0) {
            // a tick's worth per read keeps the overshoot of one read small
            int chunk = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, bytesPerSecond / SinkReader.TICKS_PER_SECOND));
            ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(chunk));
        }
        ch.pipeline().addLast(new SinkReader(bytesPerSecond));
    }
}
