package io.usp.bench.flood;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import io.usp.bench.report.Errors;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connects to the blocked listener as fast as the workers can: each connects, waits until the
 * server closes (the EOF closes our end after the server's FIN, so TIME_WAIT is the server's),
 * and connects again, until the deadline or the last allowed connect.
 */
final class Flooder {

    static final long CLOSE_TIMEOUT_SECONDS = 5;
    /** After a failure, so that a listener that is not there does not become a busy loop. */
    private static final long PAUSE_AFTER_ERROR_MILLIS = 10;

    private final Bootstrap bootstrap;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final long maxConnects;
    private final AtomicLong started = new AtomicLong();
    private final LongAdder closed = new LongAdder();
    private final Errors errors = new Errors();
    private final AtomicInteger running;
    private final Promise<Void> done;
    private long deadline;

    Flooder(EventLoopGroup group, FloodSettings settings) {
        this.remote = settings.blocked().resolve();
        this.local = new InetSocketAddress(settings.floodFrom(), 0);
        this.maxConnects = settings.maxConnects();
        this.running = new AtomicInteger(settings.workers());
        this.done = group.next().newPromise();
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS))
                .handler(Ignore.INSTANCE); // auto-read on: the server's FIN closes the channel
    }

    /** Starts the workers; completes when the last one stopped. */
    Future<Void> start(long deadlineNanos) {
        deadline = deadlineNanos;
        if (maxConnects == 0) { // the baseline: no flood, the round trips alone until the deadline
            bootstrap.config().group().next().schedule(() -> done.setSuccess(null), deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            return done;
        }
        int workers = running.get();
        for (int i = 0; i < workers; i++) {
            bootstrap.config().group().next().execute(this::connect);
        }
        return done;
    }

    long connects() {
        return closed.sum();
    }

    Errors errors() {
        return errors;
    }

    private void connect() {
        if (System.nanoTime() - deadline >= 0 || started.incrementAndGet() > maxConnects) {
            if (running.decrementAndGet() == 0) {
                done.setSuccess(null);
            }
            return;
        }
        ChannelFuture connect = bootstrap.connect(remote, local);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                failed(f.cause()); // Netty has closed the channel already
                return;
            }
            Channel channel = connect.channel();
            ScheduledFuture<?> timeout = channel.eventLoop().schedule(() -> channel.close(),
                    CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            channel.closeFuture().addListener(c -> {
                if (timeout.cancel(false)) {
                    closed.increment();
                    connect();
                } else {
                    failed(new TimeoutException("the server did not close within "
                            + CLOSE_TIMEOUT_SECONDS + " s: does the IP filter block " + local.getAddress() + "?"));
                }
            });
        });
    }

    private void failed(Throwable cause) {
        errors.record(cause);
        // not the channel's loop: a channel that could not even be opened (no file descriptors) has none
        bootstrap.config().group().next().schedule(this::connect, PAUSE_AFTER_ERROR_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Reads nothing but the FIN: the refused connection gets no bytes. */
    @Sharable
    private static final class Ignore extends ChannelInboundHandlerAdapter {
        static final Ignore INSTANCE = new Ignore();
    }
}
