package io.usp.server.limits;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.usp.server.dispatch.ConnectionReport;
import io.usp.server.dispatch.Refusal;
import io.usp.server.listener.LiveListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Takes a server-wide, a listener and a per-IP slot for a new partner connection, or closes it at
 * once with the limit that refused it. Slots are given back when the connection closes.
 */
public final class LimitsHandler extends ChannelInboundHandlerAdapter {

    private final ServerLimit server;
    private final LiveListener listener;
    private final ConnectionReport report;
    private InetAddress partner;
    private boolean holdsListenerSlot;
    private boolean holdsServerSlot;

    public LimitsHandler(ServerLimit server, LiveListener listener, ConnectionReport report) {
        this.server = server;
        this.listener = listener;
        this.report = report;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        partner = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        Optional<Refusal> refusal = acquire();
        if (refusal.isPresent()) {
            report.refused(listener, ctx.channel().remoteAddress(), refusal.get(),
                    "over the " + refusal.get().label() + " limit");
            ctx.close();
            return;
        }
        super.channelActive(ctx);
    }

    private Optional<Refusal> acquire() {
        if (!server.tryAcquire()) {
            return Optional.of(Refusal.SERVER_LIMIT);
        }
        holdsServerSlot = true;
        Optional<Refusal> refusal = listener.limits().tryAcquire(partner);
        holdsListenerSlot = refusal.isEmpty();
        return refusal;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (holdsListenerSlot) {
            listener.limits().release(partner);
            holdsListenerSlot = false;
        }
        if (holdsServerSlot) {
            server.release();
            holdsServerSlot = false;
        }
        super.channelInactive(ctx);
    }
}
