package io.usp.bench.exchange;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.usp.bench.net.Route;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Opens connections to an echo target (through the path under test), each with an {@link EchoExchange}.
 * Behind a proxy, a connection counts as connected once the proxy said yes.
 */
public final class EchoClient {

    private final Bootstrap bootstrap;
    private final Route route;

    public EchoClient(EventLoopGroup group, Route route) {
        this.route = route;
        this.bootstrap = route.configure(new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(EchoExchange.TIMEOUT_SECONDS))
                .handler(new EchoClientInitializer(route)));
    }

    /** Connects from {@code local} (null: the kernel chooses) and completes with the connection's exchange. */
    public Future<EchoExchange> connect(InetSocketAddress local) {
        // not the channel's loop: a channel that could not even be opened (no file descriptors) has none
        Promise<EchoExchange> connected = bootstrap.config().group().next().newPromise();
        ChannelFuture connect = bootstrap.connect(route.remote(), local);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                connected.setFailure(f.cause()); // Netty has closed the channel already
                return;
            }
            route.ready(connect.channel()).addListener(ready -> {
                if (ready.isSuccess()) {
                    connected.setSuccess(connect.channel().pipeline().get(EchoExchange.class));
                } else {
                    connected.setFailure(ready.cause()); // the proxy handshake has closed the channel
                }
            });
        });
        return connected;
    }
}
