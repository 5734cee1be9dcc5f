package io.usp.protocol.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.net.ssl.SSLSession;

/**
 * A TLS server on 127.0.0.1, port 0, that reports how the handshake of its first connection
 * ended; and a client that connects to it with a handler of the test's choice.
 */
final class HandshakeHarness implements AutoCloseable {

    /** How one side's handshake ended: the agreed ALPN and the peer's name, or the failure. */
    record Outcome(String tlsVersion, String alpn, String peerName, Throwable failure) {
        boolean succeeded() {
            return failure == null;
        }
    }

    private static final long WAIT_SECONDS = 20;

    /** The handshake futures report failures; this only keeps them from reaching the pipeline's tail. */
    private static final ChannelHandler CLOSE_ON_ERROR = new CloseOnError();

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final CompletableFuture<Outcome> serverOutcome = new CompletableFuture<>();
    private final Channel server;
    private Channel client;

    HandshakeHarness(SslContext serverContext) throws InterruptedException {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler handler = serverContext.newHandler(ch.alloc());
                        ch.pipeline().addLast(handler, CLOSE_ON_ERROR);
                        handler.handshakeFuture()
                                .addListener(f -> serverOutcome.complete(outcome(handler, f.cause(), true)));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Connects with the handler {@code clientHandler} builds and waits for the client's handshake. */
    Outcome connect(Function<Channel, SslHandler> clientHandler) throws Exception {
        java.util.concurrent.atomic.AtomicReference<SslHandler> built = new java.util.concurrent.atomic.AtomicReference<>();
        client = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = clientHandler.apply(ch);
                        built.set(ssl); // kept here: a refused channel may lose its pipeline before we look
                        ch.pipeline().addLast(ssl, CLOSE_ON_ERROR);
                    }
                })
                .connect("127.0.0.1", port()).sync().channel();
        SslHandler handler = built.get();
        if (!handler.handshakeFuture().await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            return new Outcome(null, null, null, new TimeoutException("client handshake did not finish"));
        }
        return outcome(handler, handler.handshakeFuture().cause(), false);
    }

    /**
     * The server side of the connection, including {@link TlsContexts#requireAlpn}. In TLS 1.3 the
     * server decides on the client certificate after the client considers the handshake done.
     */
    Outcome serverOutcome() throws Exception {
        return serverOutcome.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** With {@code checkAlpn} a handshake without usp/1 counts as failed, as in the real server. */
    private static Outcome outcome(SslHandler handler, Throwable failure, boolean checkAlpn) {
        if (failure != null) {
            return new Outcome(null, null, null, failure);
        }
        try {
            if (checkAlpn) {
                TlsContexts.requireAlpn(handler);
            }
            SSLSession session = handler.engine().getSession();
            return new Outcome(session.getProtocol(), handler.applicationProtocol(), TlsContexts.peerName(session),
                    null);
        } catch (Exception e) {
            return new Outcome(null, handler.applicationProtocol(), null, e);
        }
    }

    @ChannelHandler.Sharable
    private static final class CloseOnError extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (client != null) {
            client.close().sync();
        }
        server.close().sync();
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
    }
}
