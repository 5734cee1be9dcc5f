package io.usp.server.front;

import io.netty.channel.ChannelHandlerContext;
import io.usp.deployments.Target;
import io.usp.server.dispatch.Refusal;

/** Mode {@code tcp}: the destination is the deployment's target; the partner is told nothing, only relayed or closed. */
public final class FixedFront implements Front {

    private final Target target;

    public FixedFront(Target target) {
        this.target = target;
    }

    @Override
    public void begin(ChannelHandlerContext ctx, Sink sink) {
        sink.named(target.host(), target.port());
    }

    @Override
    public void connected(ChannelHandlerContext ctx) {
        // nothing to answer: the partner's first bytes already wait for the relay
    }

    @Override
    public void refused(ChannelHandlerContext ctx, Refusal reason) {
        ctx.close();
    }
}
