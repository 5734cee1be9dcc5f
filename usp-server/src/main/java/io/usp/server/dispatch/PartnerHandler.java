package io.usp.server.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.usp.deployments.Deployment;
import io.usp.deployments.Target;
import io.usp.deployments.route.FtpRoute;
import io.usp.deployments.route.Route;
import io.usp.deployments.route.RuleDecision;
import io.usp.protocol.relay.ByteCounts;
import io.usp.protocol.relay.Relay;
import io.usp.protocol.relay.RelayEnd;
import io.usp.protocol.relay.SocketEnd;
import io.usp.server.front.Front;
import io.usp.server.ftp.FtpSession;
import io.usp.server.listener.LiveListener;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One admitted partner connection from its front stage to its relay: the front yields the
 * destination the partner asked for, the deployment's route decides it, {@link FarSide} reaches
 * it, and the front answers the partner. Until then nothing the partner sent reaches a target;
 * a refusal closes the partner with a logged reason.
 */
public final class PartnerHandler extends ChannelInboundHandlerAdapter {

    private final LiveListener listener;
    private final PartnerServices services;
    private final Route route;
    private final Front front;
    private final Clock clock;
    private Instant accepted;
    private Deployment deployment;
    private Destination destination;
    private FarSide far;
    private boolean settled;

    /** {@code front} is {@code route}'s, the route of the deployment when the partner connected. */
    public PartnerHandler(LiveListener listener, PartnerServices services, Route route, Front front) {
        this.listener = listener;
        this.services = services;
        this.route = route;
        this.front = front;
        this.clock = services.clock();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        accepted = clock.instant();
        deployment = listener.deployment();
        services.report().accepted(listener);
        listener.partners().add(ctx.channel());
        far = new FarSide(ctx.channel(), services);
        front.begin(ctx, new Front.Sink() {
            @Override
            public void named(String host, int port) {
                decide(ctx, host, port);
            }

            @Override
            public void failed(Refusal reason, String detail) {
                settle(ctx, reason, detail); // the front has answered and closed
            }
        });
    }

    private void decide(ChannelHandlerContext ctx, String host, int port) {
        Target requested;
        try {
            requested = new Target(host, port);
        } catch (IllegalArgumentException e) {
            refuse(ctx, Refusal.BAD_REQUEST, e.getMessage());
            return;
        }
        // the rules as they are now: a live change applies to the next request on an open listener
        Optional<RuleDecision> ruled = listener.deployment().route().fold(f -> {
            destination = Destination.of(f);
            return Optional.empty();
        }, c -> Optional.of(c.decide(requested)), ftp -> {
            destination = Destination.of(ftp.control());
            return Optional.empty();
        });
        if (ruled.isPresent()) {
            RuleDecision decision = ruled.get();
            services.report().decided(listener, decision);
            destination = Destination.of(decision);
            if (!decision.allowed()) {
                refuse(ctx, decision.matched() ? Refusal.BLOCKED_BY_RULE : Refusal.NO_RULE, decision.why());
                return;
            }
        }
        far.reach(deployment.name(), destination, new FarSide.Outcome() {
            @Override
            public void established(RelayEnd farEnd, String via) {
                PartnerHandler.this.established(ctx, farEnd, via);
            }

            @Override
            public void refused(Refusal reason, String detail) {
                refuse(ctx, reason, detail);
            }
        });
    }

    private void established(ChannelHandlerContext ctx, RelayEnd farEnd, String via) {
        if (settled) {
            farEnd.abort();
            return;
        }
        settled = true;
        front.connected(ctx);
        Channel partner = ctx.channel();
        String name = deployment.name();
        String target = destination.target().authority();
        LiveConnections live = services.connections();
        long id = live.add(name, Addresses.text(partner.remoteAddress()), target, via, accepted, partner);
        Destination reached = destination;
        Consumer<Relay.Outcome> closed = outcome -> {
            live.remove(id);
            services.report().closed(listener, partner.remoteAddress(), reached, outcome);
        };
        // how the partner's bytes are carried: relayed as they are, or through an FTP session break
        ByteCounts carried = route.<ByteCounts>fold(f -> relay(partner, farEnd, closed),
                c -> relay(partner, farEnd, closed), ftp -> session(partner, farEnd, ftp, reached, closed));
        live.attach(id, carried);
    }

    private Relay relay(Channel partner, RelayEnd farEnd, Consumer<Relay.Outcome> closed) {
        return Relay.start(SocketEnd.of("partner", partner), farEnd, clock, accepted, closed);
    }

    private FtpSession session(Channel partner, RelayEnd farEnd, FtpRoute ftp, Destination reached,
                               Consumer<Relay.Outcome> closed) {
        FtpHost host = new FtpHost(partner, deployment.name(), reached, deployment.listener().bind(),
                ftp.ftp().publicAddress(), services);
        FtpSession session = FtpSession.start(partner, farEnd, ftp.target(), listener.ftp(ftp), host, clock);
        session.ended(accepted, closed);
        return session;
    }

    private void refuse(ChannelHandlerContext ctx, Refusal reason, String detail) {
        if (settle(ctx, reason, detail)) {
            front.refused(ctx, reason);
        }
    }

    /** Reports a refusal once; false when the connection was settled already. */
    private boolean settle(ChannelHandlerContext ctx, Refusal reason, String detail) {
        if (settled) {
            return false;
        }
        settled = true;
        services.report().refused(listener, ctx.channel().remoteAddress(), Optional.ofNullable(destination), reason, detail);
        far.close();
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && !settled) {
            refuse(ctx, Refusal.NO_ANSWER, "idle timeout while the target was being reached");
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * Before the relay exists nothing else handles the partner's errors, a reset above all: the
     * partner is gone, and closing reports it as abandoned. Once relayed, the relay judges them.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (settled) {
            ctx.fireExceptionCaught(cause);
        } else {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // deployment is null when the IP filter or a limit refused the partner: channelActive never got here
        if (!settled && deployment != null) {
            settled = true;
            services.report().abandoned(listener, ctx.channel().remoteAddress(), Optional.ofNullable(destination));
            far.close();
        }
        super.channelInactive(ctx);
    }
}
