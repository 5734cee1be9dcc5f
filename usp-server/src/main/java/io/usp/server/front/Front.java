package io.usp.server.front;

import io.netty.channel.ChannelHandlerContext;
import io.usp.server.dispatch.Refusal;

/**
 * The first stage of a partner connection: it ends in the destination the partner is to reach,
 * and answers the partner once that destination is connected or refused. Called on the
 * partner channel's event loop.
 */
public interface Front {

    /** Starts reading the partner's request; ends in exactly one call of {@code sink}. */
    void begin(ChannelHandlerContext ctx, Sink sink);

    /** The destination is connected: answer success; what the partner sends from here on is relayed. */
    void connected(ChannelHandlerContext ctx);

    /** Refused after {@link Sink#named}: answer the partner with the reply for {@code reason}, then close. */
    void refused(ChannelHandlerContext ctx, Refusal reason);

    interface Sink {
        /** The partner asked for {@code host:port}. */
        void named(String host, int port);

        /** The request failed; the front has answered the partner and closed it. */
        void failed(Refusal reason, String detail);
    }
}
