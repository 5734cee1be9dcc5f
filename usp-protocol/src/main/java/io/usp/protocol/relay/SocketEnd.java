package io.usp.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;

/** A TCP connection as one side of a relay. The channel must allow half-closure. */
public record SocketEnd(String label, DuplexChannel channel) implements RelayEnd {

    @Override
    public void write(ByteBuf data) {
        channel.write(data, channel.voidPromise());
    }

    @Override
    public void finish() {
        // shutdownOutput() drops what is still queued, so it waits for the last write.
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (channel.isActive()) {
                channel.shutdownOutput();
            }
        });
    }

    @Override
    public void readFlushed() {
        // reading a socket sends nothing back
    }

    @Override
    public void abort() {
        if (channel.isOpen()) {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
        }
    }

    @Override
    public void close() {
        channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    public static SocketEnd of(String label, Channel channel) {
        return new SocketEnd(label, (DuplexChannel) channel);
    }
}
