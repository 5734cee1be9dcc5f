package io.usp.bench.exchange;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.usp.bench.net.Route;

/** Pipeline of a connection to an echo target: the route's proxy handshake, if any, then one {@link EchoExchange}. */
final class EchoClientInitializer extends ChannelInitializer<SocketChannel> {

    private final Route route;

    EchoClientInitializer(Route route) {
        this.route = route;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        route.addHandshake(ch.pipeline());
        ch.pipeline().addLast(new EchoExchange());
    }
}
