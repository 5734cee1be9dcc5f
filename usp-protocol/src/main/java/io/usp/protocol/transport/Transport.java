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
 * NIO by default; Netty's native epoll with {@code -Dusp.transport=epoll} when it loads. One
 * choice per process.
 *
 * <p>Why not epoll by default (DESIGN.md asks for it): with Netty 4.2.18 and auto-read off,
 * epoll reads a socket whose peer sent data and FIN (EPOLLRDHUP) without being asked. What
 * arrives before a relay exists is held ({@code EarlyInput}), and the end-to-end tests pass on
 * epoll most runs, but about one run in three of ReconcileTest loses the tail of an echo:
 * the target's FIN is relayed before all of its bytes ("Channel output shutdown").
 */
public final class Transport {

    private static final boolean EPOLL = "epoll".equals(System.getProperty("usp.transport")) && Epoll.isAvailable();

    private Transport() {
    }

    public static EventLoopGroup group(int threads, String name) {
        IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), io);
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
