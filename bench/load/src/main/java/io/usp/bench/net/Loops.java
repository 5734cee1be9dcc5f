package io.usp.bench.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** The event loops of one command: NIO, by default one thread per core, as usp-protocol's Transport does. */
public final class Loops implements AutoCloseable {

    private final EventLoopGroup group;

    private Loops(EventLoopGroup group) {
        this.group = group;
    }

    public static Loops open(String name) {
        return open(name, Runtime.getRuntime().availableProcessors());
    }

    public static Loops open(String name, int threads) {
        return new Loops(new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                NioIoHandler.newFactory()));
    }

    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
