package io.usp.server.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.usp.deployments.Deployment;
import io.usp.protocol.Protocol;
import io.usp.protocol.relay.Relay;
import io.usp.protocol.relay.RelayEnd;
import io.usp.protocol.relay.SocketEnd;
import io.usp.protocol.relay.StreamEnd;
import io.usp.protocol.target.TargetConnector;
import io.usp.server.listener.LiveListener;
import io.usp.server.tunnel.TunnelConnection;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Connects an admitted partner to its target: directly, or through a stream on the least-loaded
 * tunnel connection of the deployment's client. Until the far side answers, the partner is not
 * read; a refusal closes it at once with a logged reason.
 */
public final class PartnerHandler extends ChannelInboundHandlerAdapter {

    private final LiveListener listener;
    private final PartnerServices services;
    private final TargetConnector connector;
    private final Clock clock;
    private Instant accepted;
    private Deployment deployment;
    private Channel far;
    private boolean settled;

    public PartnerHandler(LiveListener listener, PartnerServices services) {
        this.listener = listener;
        this.services = services;
        this.connector = services.connector();
        this.clock = services.clock();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        accepted = clock.instant();
        deployment = listener.deployment();
        services.report().accepted(listener);
        listener.partners().add(ctx.channel());
        if (deployment.direct()) {
            connectDirect(ctx);
        } else {
            openStream(ctx, deployment.client().orElseThrow());
        }
    }

    private void connectDirect(ChannelHandlerContext ctx) {
        connector.resolve(deployment.target().host()).addListener(lookup -> {
            if (!lookup.isSuccess()) {
                onLoop(ctx, () -> refuse(ctx, Refusal.of(TargetConnector.classify(lookup.cause())),
                        "lookup failed: " + lookup.cause().getMessage()));
                return;
            }
            onLoop(ctx, () -> {
                if (settled) {
                    return;
                }
                ChannelFuture connect = connector.connect(ctx.channel().eventLoop(),
                        (InetAddress) lookup.getNow(), deployment.target().port());
                far = connect.channel();
                connect.addListener(f -> {
                    if (f.isSuccess()) {
                        established(ctx, SocketEnd.of("target", far), "direct");
                    } else {
                        refuse(ctx, Refusal.of(TargetConnector.classify(f.cause())), String.valueOf(f.cause().getMessage()));
                    }
                });
            });
        });
    }

    private void openStream(ChannelHandlerContext ctx, String client) {
        Optional<TunnelConnection> tunnel = services.tunnels().pick(client, ctx.channel().eventLoop());
        if (tunnel.isEmpty()) {
            int held = services.tunnels().connections(client).size();
            refuse(ctx, Refusal.NO_CLIENT, held == 0 ? "client '" + client + "' has no tunnel connected"
                    : "client '" + client + "' has " + held + " tunnel connection(s), none answering its PINGs");
            return;
        }
        tunnel.get().openStream().addListener(opened -> {
            if (!opened.isSuccess()) {
                onLoop(ctx, () -> refuse(ctx, Refusal.TUNNEL_LOST, "could not open a stream: " + opened.cause().getMessage()));
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
            onLoop(ctx, () -> far = stream);
            long asked = System.nanoTime();
            stream.pipeline().addLast(new StreamAnswer(services.answerTimeout(), new StreamAnswer.Outcome() {
                @Override
                public void accepted() {
                    services.metrics().streamOpened(Duration.ofNanos(System.nanoTime() - asked));
                    onLoop(ctx, () -> established(ctx, new StreamEnd(stream), client));
                }

                @Override
                public void refused(Refusal reason, String detail) {
                    onLoop(ctx, () -> refuse(ctx, reason, detail));
                }
            }));
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(connectHeaders(ctx), false));
            stream.read();
        });
    }

    private Http2Headers connectHeaders(ChannelHandlerContext ctx) {
        Http2Headers headers = new DefaultHttp2Headers()
                .method("CONNECT")
                .authority(deployment.target().authority());
        headers.set(Protocol.DEPLOYMENT_HEADER, deployment.name());
        headers.set(Protocol.PARTNER_HEADER, Addresses.text(ctx.channel().remoteAddress()));
        return headers;
    }

    private void established(ChannelHandlerContext ctx, RelayEnd farEnd, String via) {
        if (settled) {
            farEnd.abort();
            return;
        }
        settled = true;
        Channel partner = ctx.channel();
        String name = deployment.name();
        String target = deployment.target().authority();
        LiveConnections live = services.connections();
        long id = live.add(name, Addresses.text(partner.remoteAddress()), target, via, accepted, partner);
        Relay relay = Relay.start(SocketEnd.of("partner", partner), farEnd, clock, accepted, outcome -> {
            live.remove(id);
            services.report().closed(listener, name, partner.remoteAddress(), target, via, outcome);
        });
        live.attach(id, relay);
    }

    private void refuse(ChannelHandlerContext ctx, Refusal reason, String detail) {
        if (settled) {
            return;
        }
        settled = true;
        services.report().refused(listener, ctx.channel().remoteAddress(), reason, detail);
        ctx.close();
        if (far != null) {
            far.close();
        }
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
            services.report().abandoned(listener, ctx.channel().remoteAddress(), deployment.target().authority());
            if (far != null) {
                far.close();
            }
        }
        super.channelInactive(ctx);
    }

    private static void onLoop(ChannelHandlerContext ctx, Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }
}
