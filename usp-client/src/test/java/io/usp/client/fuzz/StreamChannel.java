package io.usp.client.fuzz;

import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

/**
 * An {@link EmbeddedChannel} that passes for one HTTP/2 stream of a tunnel, so the client's
 * {@code StreamInitializer} sets it up exactly as a real stream. Its handlers run on a real
 * single-threaded event loop rather than the embedded one: the stream request hands its answer
 * back from the name-lookup thread with {@code ctx.executor().execute}, and the embedded loop's
 * task queue is not thread-safe. Every method here runs on that loop.
 */
final class StreamChannel extends EmbeddedChannel implements Http2StreamChannel {

    private static final Http2FrameStream STREAM = new Http2FrameStream() {
        @Override
        public int id() {
            return 3;
        }

        @Override
        public Http2Stream.State state() {
            return Http2Stream.State.OPEN;
        }
    };

    private final EventLoop loop;

    private StreamChannel(EventLoop loop) {
        super(false, false);
        this.loop = loop;
    }

    /** A registered stream whose pipeline {@code initializer} has set up. */
    static StreamChannel open(EventLoop loop, ChannelHandler initializer) throws Exception {
        return call(loop, () -> {
            StreamChannel stream = new StreamChannel(loop);
            stream.pipeline().addLast(initializer);
            stream.register();
            return stream;
        });
    }

    /** Runs {@code task} on this stream's event loop and waits for it. */
    <T> T onLoop(Callable<T> task) throws Exception {
        return call(loop, task);
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public Http2FrameStream stream() {
        return STREAM;
    }

    private static <T> T call(EventLoop loop, Callable<T> task) throws Exception {
        try {
            return loop.submit(task).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
