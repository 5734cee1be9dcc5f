package io.usp.client.target;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.usp.deployments.AllowList;
import io.usp.protocol.target.TargetConnector;
import io.usp.protocol.transport.Transport;
import java.time.Clock;

/** Sets up every stream the server opens: one {@link StreamRequest} per stream. */
@Sharable
public final class StreamInitializer extends ChannelInitializer<Http2StreamChannel> {

    private final String client;
    private final AllowList allow;
    private final TargetConnector connector;
    private final Clock clock;

    public StreamInitializer(String client, AllowList allow, TargetConnector connector, Clock clock) {
        this.client = client;
        this.allow = allow;
        this.connector = connector;
        this.clock = clock;
    }

    @Override
    protected void initChannel(Http2StreamChannel stream) {
        stream.config().setWriteBufferWaterMark(Transport.SOCKET_BUFFER);
        stream.pipeline().addLast("request", new StreamRequest(client, allow, connector, clock));
    }
}
