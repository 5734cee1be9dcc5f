package io.usp.bench.push;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.usp.bench.net.Route;
import java.util.concurrent.TimeUnit;

/**
 * Opens one connection that pushes with a {@link Pusher}. Behind a proxy, the bytes pushed before
 * the proxy's answer wait in its handshake, which counts them against the water marks.
 */
public final class PushClient {

    /** What this process may hold unsent: the same marks as a USP partner socket. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

    private PushClient() {
    }

    /** Connects and completes with the connection's pusher once it has started pushing. */
    public static Future<Pusher> connect(EventLoopGroup group, Route route, long limit) {
        Promise<Pusher> connected = group.next().newPromise();
        ChannelFuture connect = route.configure(new Bootstrap()
                        .group(group)
                        .channel(NioSocketChannel.class)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) TimeUnit.SECONDS.toMillis(5))
                        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                        .handler(new Initializer(route, limit)))
                .connect(route.remote());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                connected.setFailure(f.cause());
                return;
            }
            route.ready(connect.channel()).addListener(ready -> {
                if (ready.isSuccess()) {
                    connected.setSuccess(connect.channel().pipeline().get(Pusher.class));
                } else {
                    connected.setFailure(ready.cause());
                }
            });
        });
        return connected;
    }

    private static final class Initializer extends ChannelInitializer<SocketChannel> {

        private final Route route;
        private final long limit;

        Initializer(Route route, long limit) {
            this.route = route;
            this.limit = limit;
        }

        @Override
        protected void initChannel(SocketChannel ch) {
            route.addHandshake(ch.pipeline());
            ch.pipeline().addLast(new Pusher(limit));
        }
    }
}
