package io.usp.server.listener;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.usp.deployments.route.Route;
import io.usp.protocol.relay.EarlyInput;
import io.usp.server.dispatch.PartnerHandler;
import io.usp.server.dispatch.PartnerServices;
import io.usp.server.front.Front;
import io.usp.server.front.PartnerAuth;
import io.usp.server.limits.LimitsHandler;
import java.util.concurrent.TimeUnit;

/**
 * Pipeline of an accepted partner connection, in the fixed order: filter, limits, idle, dispatch;
 * what the partner sends before its relay exists waits in {@link EarlyInput}. A collection's front
 * checks the partner credentials stored for it when the partner connects, so the first one added
 * applies without a restart of the listener.
 */
final class PartnerInitializer extends ChannelInitializer<SocketChannel> {

    private final LiveListener listener;
    private final IpFilterHandler filter;
    private final PartnerServices services;
    private final PartnerAuth credentials;

    PartnerInitializer(LiveListener listener, PartnerServices services) {
        this.listener = listener;
        this.filter = new IpFilterHandler(listener, services.report());
        this.services = services;
        this.credentials = new CredentialAuth(listener.deployment().name(), services.partnerLogins());
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        long idleMillis = listener.deployment().idleTimeout().toMillis();
        ch.pipeline()
                .addLast("ip-filter", filter)
                .addLast("limits", new LimitsHandler(services.serverLimit(), listener, services.report()))
                .addLast("idle", new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS))
                .addLast("early-input", new EarlyInput());
        // the front sits before dispatch, which starts it: its decoders see the partner's bytes first
        Route route = listener.deployment().route();
        // the route may change kind in place (tcp <-> collection); a tcp front asks no credentials
        PartnerAuth auth = route.mode().collection() ? credentials : PartnerAuth.NONE;
        Front front = Fronts.install(ch.pipeline(), "early-input", route, listener, auth);
        ch.pipeline().addBefore("early-input", "dispatch", new PartnerHandler(listener, services, route, front));
    }
}
