package io.usp.server.dispatch;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.usp.deployments.Cidr;
import io.usp.protocol.Protocol;
import io.usp.protocol.relay.RelayEnd;
import io.usp.protocol.relay.SocketEnd;
import io.usp.protocol.relay.StreamEnd;
import io.usp.protocol.target.TargetConnector;
import io.usp.server.tunnel.TunnelConnection;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reaches one partner's destination, the one step every route kind shares: the server connects
 * itself (direct), or asks a client through a stream on the least-loaded tunnel connection.
 * The outcome is reported on the partner's event loop.
 */
final class FarSide {

    interface Outcome {
        void established(RelayEnd far, String via);

        void refused(Refusal reason, String detail);
    }

    private final Channel partner;
    private final PartnerServices services;
    private Channel far;

    FarSide(Channel partner, PartnerServices services) {
        this.partner = partner;
        this.services = services;
    }

    void reach(String deployment, Destination destination, Outcome outcome) {
        if (destination.client().isPresent()) {
            openStream(deployment, destination, outcome);
        } else {
            connectDirect(destination, outcome);
        }
    }

    /** Closes what was opened toward the destination, if anything was. */
    void close() {
        if (far != null) {
            far.close();
        }
    }

    private void connectDirect(Destination destination, Outcome outcome) {
        TargetConnector connector = services.connector();
        connector.resolve(destination.target().host()).addListener(lookup -> onLoop(() -> {
            if (!lookup.isSuccess()) {
                outcome.refused(Refusal.of(TargetConnector.classify(lookup.cause())),
                        "lookup failed: " + lookup.cause().getMessage());
                return;
            }
            InetAddress address = (InetAddress) lookup.getNow();
            if (!destination.requiredCidrs().isEmpty()
                    && destination.requiredCidrs().stream().noneMatch(c -> c.contains(address))) {
                outcome.refused(Refusal.NOT_ALLOWED, destination.target().host() + " resolved to "
                        + address.getHostAddress() + ", outside " + cidrs(destination));
                return;
            }
            ChannelFuture connect = connector.connect(partner.eventLoop(), address, destination.target().port());
            far = connect.channel();
            connect.addListener(f -> {
                if (f.isSuccess()) {
                    outcome.established(SocketEnd.of("target", far), "direct");
                } else {
                    outcome.refused(Refusal.of(TargetConnector.classify(f.cause())), String.valueOf(f.cause().getMessage()));
                }
            });
        }));
    }

    private void openStream(String deployment, Destination destination, Outcome outcome) {
        String client = destination.client().orElseThrow();
        Optional<TunnelConnection> tunnel = services.tunnels().pick(client, partner.eventLoop());
        if (tunnel.isEmpty()) {
            int held = services.tunnels().connections(client).size();
            outcome.refused(Refusal.NO_CLIENT, held == 0 ? "client '" + client + "' has no tunnel connected"
                    : "client '" + client + "' has " + held + " tunnel connection(s), none answering its PINGs");
            return;
        }
        tunnel.get().openStream().addListener(opened -> {
            if (!opened.isSuccess()) {
                onLoop(() -> outcome.refused(Refusal.TUNNEL_LOST, "could not open a stream: " + opened.cause().getMessage()));
                return;
            }
            Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
            onLoop(() -> far = stream);
            long asked = System.nanoTime();
            stream.pipeline().addLast(new StreamAnswer(services.answerTimeout(), new StreamAnswer.Outcome() {
                @Override
                public void accepted() {
                    services.metrics().streamOpened(Duration.ofNanos(System.nanoTime() - asked));
                    onLoop(() -> outcome.established(new StreamEnd(stream), client));
                }

                @Override
                public void refused(Refusal reason, String detail) {
                    onLoop(() -> outcome.refused(reason, detail));
                }
            }));
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(connectHeaders(deployment, destination), false));
            stream.read();
        });
    }

    private Http2Headers connectHeaders(String deployment, Destination destination) {
        Http2Headers headers = new DefaultHttp2Headers()
                .method("CONNECT")
                .authority(destination.target().authority());
        headers.set(Protocol.DEPLOYMENT_HEADER, deployment);
        headers.set(Protocol.PARTNER_HEADER, Addresses.text(partner.remoteAddress()));
        if (!destination.requiredCidrs().isEmpty()) {
            headers.set(Protocol.REQUIRED_CIDRS_HEADER, cidrs(destination));
        }
        return headers;
    }

    private static String cidrs(Destination destination) {
        return destination.requiredCidrs().stream().map(Cidr::toString).collect(Collectors.joining(","));
    }

    private void onLoop(Runnable task) {
        if (partner.eventLoop().inEventLoop()) {
            task.run();
        } else {
            partner.eventLoop().execute(task);
        }
    }
}
