package io.usp.client.target;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.usp.deployments.AllowList;
import io.usp.deployments.Cidr;
import io.usp.deployments.Target;
import io.usp.protocol.Protocol;
import io.usp.protocol.StreamError;
import io.usp.protocol.relay.Relay;
import io.usp.protocol.relay.SocketEnd;
import io.usp.protocol.relay.StreamEnd;
import io.usp.protocol.target.TargetConnector;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers one {@code CONNECT} from the server: checks the target against this client's own
 * allow-list (deny by default), connects with a timeout, and answers {@code 200} or a typed
 * error. On success the stream and the target socket are relayed.
 */
final class StreamRequest extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger("usp.streams");

    private final String client;
    private final AllowList allow;
    private final TargetConnector connector;
    private final Clock clock;
    private Instant opened;
    private String deployment;
    private String partner;
    private boolean requested;

    StreamRequest(String client, AllowList allow, TargetConnector connector, Clock clock) {
        this.client = client;
        this.allow = allow;
        this.connector = connector;
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (requested) {
            ReferenceCountUtil.release(msg); // nothing may arrive before the 200; the relay replaces this handler
            return;
        }
        try {
            if (msg instanceof Http2HeadersFrame frame) {
                requested = true;
                ctx.channel().config().setAutoRead(false); // the relay reads from here on
                handle(ctx, frame.headers());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void handle(ChannelHandlerContext ctx, Http2Headers headers) {
        opened = clock.instant();
        deployment = String.valueOf(headers.get(Protocol.DEPLOYMENT_HEADER));
        partner = String.valueOf(headers.get(Protocol.PARTNER_HEADER));
        Target target;
        List<Cidr> required;
        try {
            CharSequence method = headers.method(); // absent: a bad request like any other (found by fuzzing)
            if (method == null || !"CONNECT".contentEquals(method)) {
                throw new IllegalArgumentException("method " + method + " is not CONNECT");
            }
            target = Target.parseAuthority(headers.authority() == null ? null : headers.authority().toString());
            required = requiredCidrs(headers.get(Protocol.REQUIRED_CIDRS_HEADER));
        } catch (IllegalArgumentException e) {
            refuse(ctx, StreamError.BAD_REQUEST, String.valueOf(headers.authority()), e.getMessage());
            return;
        }
        connector.resolve(target.host()).addListener(lookup -> ctx.executor().execute(() -> {
            if (!lookup.isSuccess()) {
                boolean named = allow.permitsByName(target.host(), target.port());
                refuse(ctx, named ? StreamError.UNREACHABLE : StreamError.NOT_ALLOWED, target.authority(),
                        named ? "lookup failed: " + lookup.cause().getMessage() : "not in the allow-list");
                return;
            }
            InetAddress address = (InetAddress) lookup.getNow();
            if (!allow.permits(target.host(), target.port(), address)) {
                refuse(ctx, StreamError.NOT_ALLOWED, target.authority(), "not in the allow-list");
                return;
            }
            if (!required.isEmpty() && required.stream().noneMatch(c -> c.contains(address))) {
                refuse(ctx, StreamError.NOT_ALLOWED, target.authority(), "resolved to " + address.getHostAddress()
                        + ", outside the collection rule's cidrs " + required);
                return;
            }
            connect(ctx, target, address);
        }));
    }

    /** The server's condition from a collection rule's {@code cidrs}: the name must resolve into one of them. */
    private static List<Cidr> requiredCidrs(CharSequence header) {
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.toString().split(",")).map(Cidr::parse).toList();
    }

    private void connect(ChannelHandlerContext ctx, Target target, InetAddress address) {
        Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
        if (!stream.isActive()) {
            return; // the server gave up on this stream meanwhile
        }
        ChannelFuture connect = connector.connect(stream.eventLoop(), address, target.port());
        Channel socket = connect.channel();
        stream.closeFuture().addListener(f -> {
            if (!connect.isDone()) {
                socket.close();
            }
        });
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                refuse(ctx, TargetConnector.classify(f.cause()), target.authority(), f.cause().getMessage());
                return;
            }
            Http2Headers ok = new DefaultHttp2Headers().status(HttpResponseStatus.OK.codeAsText());
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(ok, false));
            ctx.pipeline().remove(this);
            Relay.start(SocketEnd.of("target", socket), new StreamEnd(stream), clock, opened, outcome ->
                    LOG.info("stream closed client={} deployment={} partner={} target={} bytesToTarget={} "
                                    + "bytesFromTarget={} durationMs={} reason=\"{}\"", client, deployment, partner,
                            target, outcome.bytesFromSecond(), outcome.bytesFromFirst(),
                            outcome.duration().toMillis(), outcome.reason()));
        });
    }

    private void refuse(ChannelHandlerContext ctx, StreamError error, String target, String detail) {
        LOG.info("stream refused client={} deployment={} partner={} target={} error={} detail=\"{}\"", client,
                deployment, partner, target, error.wireName(), detail);
        Http2Headers answer = new DefaultHttp2Headers().status(error.status().codeAsText());
        answer.set(Protocol.ERROR_HEADER, error.wireName());
        ctx.writeAndFlush(new DefaultHttp2HeadersFrame(answer, true));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("stream failed client={} deployment={} partner={}: {}", client, deployment, partner, cause.getMessage());
        ctx.close();
    }
}
