package io.usp.protocol.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Netty's native epoll when it loads, NIO otherwise or with {@code -Dusp.transport=nio}.
 * One choice per process.
 *
 * <p>Epoll runs with {@link EpollEmptyInterest}: without it Netty 4.2.18 drops a socket from the
 * epoll set once its peer half-closed and it waits for nothing, and the next full send buffer
 * shut its output and lost the queued tail ("Channel output shutdown", seen in ReconcileTest).
 * With auto-read off epoll still reads a socket whose peer sent data and FIN (EPOLLRDHUP) without
 * being asked; what arrives before a relay exists is held by {@code EarlyInput}.
 */
public final class Transport {

    private static final boolean EPOLL = !"nio".equals(System.getProperty("usp.transport")) && Epoll.isAvailable();

    private Transport() {
    }

    public static EventLoopGroup group(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), ioHandlers(EPOLL));
    }

    /** The I/O handlers of one transport: epoll with the fix of {@link EpollEmptyInterest}, or NIO. */
    static IoHandlerFactory ioHandlers(boolean epoll) {
        return epoll ? new EpollEmptyInterest(EpollIoHandler.newFactory()) : NioIoHandler.newFactory();
    }

    public static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Write buffer marks of a partner or target socket: enough to keep a fast stream busy. */
    public static final WriteBufferWaterMark SOCKET_BUFFER = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
    /** Write buffer marks of a tunnel connection, which carries many streams. */
    public static final WriteBufferWaterMark TUNNEL_BUFFER = new WriteBufferWaterMark(1024 * 1024, 4 * 1024 * 1024);

    public static String name() {
        return EPOLL ? "epoll" : "nio";
    }
}
