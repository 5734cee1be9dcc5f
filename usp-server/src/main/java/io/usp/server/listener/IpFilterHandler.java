package io.usp.server.listener;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ipfilter.AbstractRemoteAddressFilter;
import io.usp.deployments.IpFilter;
import io.usp.server.dispatch.ConnectionReport;
import io.usp.server.dispatch.Refusal;
import java.net.InetSocketAddress;

/**
 * Applies the deployment's IP filter (block, then allow, then the default action) on Netty's
 * remote-address filter, which closes a refused channel before anything reads from it.
 */
@Sharable
final class IpFilterHandler extends AbstractRemoteAddressFilter<InetSocketAddress> {

    private final LiveListener listener;
    private final ConnectionReport report;

    IpFilterHandler(LiveListener listener, ConnectionReport report) {
        this.listener = listener;
        this.report = report;
    }

    @Override
    protected boolean accept(ChannelHandlerContext ctx, InetSocketAddress partner) {
        IpFilter.Decision decision = listener.deployment().ipFilter().decide(partner.getAddress());
        if (!decision.allowed()) {
            report.refused(listener, partner, Refusal.IP_FILTER, decision.reason());
        }
        return decision.allowed();
    }

    @Override
    protected ChannelFuture channelRejected(ChannelHandlerContext ctx, InetSocketAddress partner) {
        return null; // the base class closes the channel
    }
}
