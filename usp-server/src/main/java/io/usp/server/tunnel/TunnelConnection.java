package io.usp.server.tunnel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import io.usp.protocol.transport.Transport;
import io.usp.protocol.tunnel.KeepAlive;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** One TLS connection of a client's tunnel, on which the server opens streams. */
public final class TunnelConnection {

    private final String client;
    private final X509Certificate certificate;
    private final Channel channel;
    private final Instant since;
    private final KeepAlive keepAlive;
    private final AtomicInteger streams = new AtomicInteger();

    TunnelConnection(String client, X509Certificate certificate, Channel channel, Instant since, KeepAlive keepAlive) {
        this.client = client;
        this.certificate = certificate;
        this.channel = channel;
        this.since = since;
        this.keepAlive = keepAlive;
    }

    public String client() {
        return client;
    }

    /** The client certificate it authenticated with. */
    public X509Certificate certificate() {
        return certificate;
    }

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    public Instant since() {
        return since;
    }

    public int streams() {
        return streams.get();
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public boolean isActive() {
        return channel.isActive();
    }

    /** Open, and the client answers its PINGs: a connection whose last PING is overdue gets no new streams. */
    public boolean isAnswering() {
        return channel.isActive() && !keepAlive.pingOverdue();
    }

    /** Opens a stream with auto-read off; counted until the stream closes. */
    public Future<Http2StreamChannel> openStream() {
        streamOpening();
        Future<Http2StreamChannel> opened = new Http2StreamChannelBootstrap(channel)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.SOCKET_BUFFER)
                .open();
        opened.addListener(f -> {
            if (f.isSuccess()) {
                ((Http2StreamChannel) f.getNow()).closeFuture().addListener(c -> streams.decrementAndGet());
            } else {
                streams.decrementAndGet();
            }
        });
        return opened;
    }

    /** Counted from the moment a stream is asked for, so a burst of partners spreads out. */
    void streamOpening() {
        streams.incrementAndGet();
    }

    /** Sends GOAWAY and lets open streams drain (up to the codec's graceful-shutdown timeout). */
    public ChannelFuture close() {
        return channel.close();
    }

    Channel channel() {
        return channel;
    }
}
