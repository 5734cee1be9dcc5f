package io.usp.bench.target;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;

/** A listening target of the benchmark: the echo or the sink behind the path under test. */
public final class Target implements AutoCloseable {

    /** Room for a burst of connects (idle case), though the kernel caps it at net.core.somaxconn. */
    private static final int BACKLOG = 4096;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private final Channel server;

    private Target(Channel server) {
        this.server = server;
    }

    /** Echoes every byte back, reading only while the partner takes the echo. */
    public static Target echo(EventLoopGroup group, String bind, int port) {
        return start(group, bind, port, EchoHandler.INSTANCE, false);
    }

    /**
     * Reads at most {@code bytesPerSecond} from each connection and discards them; 0 reads as
     * fast as the connection delivers.
     */
    public static Target sink(EventLoopGroup group, String bind, int port, long bytesPerSecond) {
        return start(group, bind, port, new SinkInitializer(bytesPerSecond), bytesPerSecond == 0);
    }

    private static Target start(EventLoopGroup group, String bind, int port, ChannelHandler child, boolean autoRead) {
        Channel server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, BACKLOG)
                .childOption(ChannelOption.AUTO_READ, autoRead)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(child)
                .bind(bind, port)
                .syncUninterruptibly()
                .channel();
        return new Target(server);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public Channel channel() {
        return server;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }
}
