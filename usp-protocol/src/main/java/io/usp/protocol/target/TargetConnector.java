package io.usp.protocol.target;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.Future;
import io.usp.protocol.StreamError;
import io.usp.protocol.relay.EarlyInput;
import io.usp.protocol.transport.Transport;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import io.netty.channel.ConnectTimeoutException;

/**
 * Opens the TCP connection to a target: name lookup off the event loop (the JDK resolver, so
 * {@code /etc/hosts} and nsswitch apply), then a connect with a timeout, auto-read off and
 * half-closure on, ready for a relay.
 */
public final class TargetConnector implements AutoCloseable {

    private final EventExecutorGroup lookups = new DefaultEventExecutorGroup(2);
    private final Duration connectTimeout;

    public TargetConnector(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Resolves {@code host}; IP literals resolve without a lookup. */
    public Future<InetAddress> resolve(String host) {
        return lookups.submit(() -> InetAddress.getByName(host));
    }

    public ChannelFuture connect(EventLoop loop, InetAddress address, int port) {
        return new Bootstrap()
                .group(loop)
                .channel(Transport.socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.SOCKET_BUFFER)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .handler(new EarlyInput())
                .connect(new InetSocketAddress(address, port));
    }

    /** The typed reason a lookup or connect failed. */
    public static StreamError classify(Throwable failure) {
        if (failure instanceof ConnectTimeoutException) {
            return StreamError.TIMEOUT;
        }
        if (failure instanceof UnknownHostException || failure instanceof NoRouteToHostException) {
            return StreamError.UNREACHABLE;
        }
        if (failure instanceof ConnectException c) {
            String m = String.valueOf(c.getMessage()).toLowerCase();
            return m.contains("unreachable") || m.contains("no route") ? StreamError.UNREACHABLE : StreamError.REFUSED;
        }
        return StreamError.UNREACHABLE;
    }

    @Override
    public void close() {
        lookups.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
