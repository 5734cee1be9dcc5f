package io.usp.bench.exchange;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;

/** Pipeline of a connection to an echo target: one {@link EchoExchange}. */
final class EchoClientInitializer extends ChannelInitializer<SocketChannel> {

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new EchoExchange());
    }
}
