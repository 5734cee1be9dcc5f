package io.usp.server.listener;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.usp.protocol.relay.EarlyInput;
import io.usp.protocol.target.TargetConnector;
import io.usp.server.dispatch.PartnerHandler;
import io.usp.server.limits.LimitsHandler;
import io.usp.server.limits.ServerLimit;
import io.usp.server.tunnel.TunnelRegistry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline of an accepted partner connection, in the fixed order: filter, limits, idle, dispatch;
 * what the partner sends before its relay exists waits in {@link EarlyInput}.
 */
final class PartnerInitializer extends ChannelInitializer<SocketChannel> {

    private final LiveListener listener;
    private final IpFilterHandler filter;
    private final ServerLimit serverLimit;
    private final TunnelRegistry tunnels;
    private final TargetConnector connector;
    private final Clock clock;

    PartnerInitializer(LiveListener listener, ServerLimit serverLimit, TunnelRegistry tunnels,
                       TargetConnector connector, Clock clock) {
        this.listener = listener;
        this.filter = new IpFilterHandler(listener);
        this.serverLimit = serverLimit;
        this.tunnels = tunnels;
        this.connector = connector;
        this.clock = clock;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        long idleMillis = listener.deployment().idleTimeout().toMillis();
        ch.pipeline()
                .addLast("ip-filter", filter)
                .addLast("limits", new LimitsHandler(serverLimit, listener))
                .addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                .addLast("dispatch", new PartnerHandler(listener, tunnels, connector, clock))
                .addLast("early-input", new EarlyInput());
    }
}
