package io.usp.protocol.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandler;

/**
 * A socket or tunnel stream with a TLS session of its own as one side of a relay: bytes go
 * through {@code ssl} in its pipeline, and a half-close sends TLS {@code close_notify} before the
 * FIN or END_STREAM, so the peer knows its data ended whole and was not cut short.
 */
public record TlsEnd(RelayEnd carrier, SslHandler ssl) implements RelayEnd {

    /**
     * {@code ssl} joins the front of {@code carrier}'s pipeline (behind {@link StreamBytes} on a
     * stream), on the channel's own loop so that nothing it reads passes by a handler not yet added.
     */
    public static TlsEnd over(RelayEnd carrier, SslHandler ssl) {
        Channel channel = carrier.channel();
        Runnable join = () -> {
            if (channel instanceof Http2StreamChannel) {
                channel.pipeline().addFirst("stream-bytes", new StreamBytes()).addAfter("stream-bytes", "tls", ssl);
            } else {
                channel.pipeline().addFirst("tls", ssl);
            }
        };
        onLoop(channel, join);
        return new TlsEnd(carrier, ssl);
    }

    @Override
    public String label() {
        return carrier.label();
    }

    @Override
    public Channel channel() {
        return carrier.channel();
    }

    @Override
    public void write(ByteBuf data) {
        channel().write(data, channel().voidPromise());
    }

    /**
     * {@code close_notify} once the handshake is done and every write before it has gone
     * through TLS, then the carrier's own half-close below the TLS layer. Closing TLS earlier
     * would drop what is still queued, or cut the peer's handshake short.
     */
    @Override
    public void finish() {
        afterQueue(() -> ssl.closeOutbound().addListener(sent -> halfClose()), this::halfClose);
    }

    /**
     * Runs {@code done} once the handshake is done and every write queued before this call has
     * gone through TLS; {@code failed} if the handshake failed or a write did (TLS closed already,
     * as when the peer's close_notify was answered, or the channel failed). An empty write marks
     * the queue: written from here it keeps its place behind the writes before it, but before the
     * handshake it completes at once, so a second one follows the handshake.
     */
    private void afterQueue(Runnable done, Runnable failed) {
        channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(queued ->
                ssl.handshakeFuture().addListener(handshake -> {
                    if (!handshake.isSuccess() || !queued.isSuccess()) {
                        failed.run();
                        return;
                    }
                    channel().writeAndFlush(Unpooled.EMPTY_BUFFER)
                            .addListener(written -> (written.isSuccess() ? done : failed).run());
                }));
    }

    private void halfClose() {
        if (channel() instanceof DuplexChannel socket) {
            if (socket.isActive()) {
                socket.shutdownOutput();
            }
        } else {
            channel().pipeline().context(ssl).writeAndFlush(new DefaultHttp2DataFrame(Unpooled.EMPTY_BUFFER, true));
        }
    }

    /**
     * Cut short without {@code close_notify}, which would tell the peer its data ended whole: the
     * TLS layer leaves the pipeline first. A socket then resets; a stream is closed, which resets
     * it. Leaving also spares the TLS session: a client engine closed without the peer's
     * close_notify would invalidate it, and servers that require data connections to resume the
     * control connection's session (FTPS) would refuse the next one.
     */
    @Override
    public void abort() {
        Runnable abort = () -> {
            if (channel().pipeline().context(ssl) != null) {
                channel().pipeline().remove(ssl);
            }
            if (channel() instanceof DuplexChannel) {
                carrier.abort();
            } else {
                channel().close();
            }
        };
        onLoop(channel(), abort);
    }

    private static void onLoop(Channel channel, Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    @Override
    public void readFlushed() {
        carrier.readFlushed();
    }

    /**
     * A socket closes once every write has gone through TLS (closing sends close_notify if it has
     * not gone yet); a stream closes by itself once ended both ways.
     */
    @Override
    public void close() {
        if (channel() instanceof DuplexChannel) {
            Runnable close = () -> channel().close();
            afterQueue(close, close);
        } else {
            carrier.close();
        }
    }
}
