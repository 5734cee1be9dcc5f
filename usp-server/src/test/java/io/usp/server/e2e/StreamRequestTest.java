package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.usp.deployments.AllowList;
import io.usp.deployments.AllowRule;
import io.usp.deployments.Cidr;
import io.usp.deployments.PortRange;
import io.usp.protocol.Protocol;
import io.usp.protocol.StreamError;
import io.usp.server.tunnel.TunnelConnection;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client refuses what a server asks outside its allow-list or outside the protocol, as a
 * compromised server would ask it: raw {@code CONNECT} streams written on a live tunnel
 * connection, not through a deployment. Each refusal is typed, touches no target, and every
 * other stream on the same tunnel connection keeps working. (Deployments whose target the
 * allow-list denies: RefusalTest.)
 */
class StreamRequestTest {

    @TempDir
    Path dir;
    World world;
    Targets targets;
    LogLines streamLog;
    LogLines uncaught;
    final AtomicInteger deniedAccepts = new AtomicInteger();
    int allowed;
    int denied;

    @BeforeEach
    void setUp() throws Exception {
        world = new World(dir);
        targets = new Targets();
        streamLog = new LogLines("usp.streams");
        uncaught = LogLines.uncaughtInPipelines();
        allowed = targets.start(Targets::echo);
        denied = targets.start(Targets.counting(deniedAccepts, Targets::echo));
        world.startServer(List.of(World.tunnelled("echo", "agent-a", allowed)));
        AllowList onlyTheEchoPort = new AllowList(List.of(new AllowRule(List.of(),
                List.of(Cidr.parse("127.0.0.1")), List.of(new PortRange(allowed, allowed)))));
        world.startClient("agent-a", onlyTheEchoPort);
        world.awaitTunnels("agent-a", 2);
    }

    @AfterEach
    void tearDown() throws Exception {
        assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
        uncaught.close();
        streamLog.close();
        world.close();
        targets.close();
    }

    @Test
    void targetsOutsideTheAllowListAreNotAllowed() throws Exception {
        TunnelConnection tunnel = world.server().tunnels().connections("agent-a").get(0);
        for (String authority : List.of("127.0.0.1:" + denied, "192.0.2.10:22", "[::1]:" + allowed,
                "db.internal.example:5432")) {
            assertThat(ask(tunnel, connect(authority))).as(authority)
                    .isEqualTo(Answer.refused(StreamError.NOT_ALLOWED));
        }
        assertThat(deniedAccepts.get()).as("connections the denied target saw").isZero();
        assertThat(streamLog.any("stream refused", "target=127.0.0.1:" + denied, "error=not-allowed")).isTrue();
        assertThat(ask(tunnel, connect("127.0.0.1:" + allowed))).as("the allowed target on the same connection")
                .isEqualTo(Answer.ok());
    }

    @Test
    void malformedRequestsAreBadRequests() throws Exception {
        TunnelConnection tunnel = world.server().tunnels().connections("agent-a").get(0);
        for (String authority : List.of("127.0.0.1", "127.0.0.1:", ":22", "127.0.0.1:0", "127.0.0.1:99999",
                "127.0.0.1:-1", "127.0.0.1: 22", "bad host!:22", "evil/../x:22", "[::1:22", "127.0.0.1:22/path")) {
            assertThat(ask(tunnel, connect(authority))).as("authority '%s'", authority)
                    .isEqualTo(Answer.refused(StreamError.BAD_REQUEST));
        }
        Http2Headers noAuthority = new DefaultHttp2Headers().method("CONNECT");
        assertThat(ask(tunnel, noAuthority)).as("no :authority").isEqualTo(Answer.refused(StreamError.BAD_REQUEST));
        Http2Headers get = new DefaultHttp2Headers().method("GET").path("/").scheme("https")
                .authority("127.0.0.1:" + allowed);
        assertThat(ask(tunnel, get)).as("GET instead of CONNECT").isEqualTo(Answer.refused(StreamError.BAD_REQUEST));

        assertThat(ask(tunnel, connect("127.0.0.1:" + allowed))).as("a good request on the same connection")
                .isEqualTo(Answer.ok());
    }

    /**
     * The client announces {@link Protocol#MAX_HEADER_LIST_SIZE}; the server's encoder keeps to it,
     * so the test lifts that guard on its side, as a compromised server would. Just over the limit
     * is a refusal of that one stream, on the very connection that carries a transfer meanwhile.
     */
    @Test
    void aHeaderBlockOverTheLimitIsRefusedWhileOtherStreamsOnTheConnectionGoOn() throws Exception {
        try (Transfer transfer = new Transfer(world.port("echo"), 6)) {
            TunnelConnection busy = transfer.carrier(world);
            Http2Headers oversized = connect("127.0.0.1:" + allowed);
            oversized.set("x-padding", "p".repeat(Protocol.MAX_HEADER_LIST_SIZE + 512));
            // Netty's HTTP/2 server side refuses the stream with 431 (RFC 6585) before StreamRequest sees it
            assertThat(ask(busy, oversized, true)).as("the oversized request")
                    .isEqualTo(new Answer("431", "null", false));
            assertThat(ask(busy, connect("127.0.0.1:" + allowed))).as("a new stream on the same connection")
                    .isEqualTo(Answer.ok());
            assertThat(transfer.finish()).as("the transfer on that connection came back byte-exact").isTrue();
            assertThat(busy.isActive()).as("the tunnel connection survived").isTrue();
        }
        assertThat(world.server().tunnels().connections("agent-a")).hasSize(2);
    }

    /**
     * A header block far beyond the limit (Netty buffers up to 1.25 times it) is a connection
     * error: the client drops that one tunnel connection and dials it again; streams on its other
     * connection go on untouched.
     */
    @Test
    void anAbsurdHeaderBlockCostsOnlyTheConnectionItCameOn() throws Exception {
        try (Transfer transfer = new Transfer(world.port("echo"), 8)) {
            TunnelConnection busy = transfer.carrier(world);
            TunnelConnection idle = world.server().tunnels().connections("agent-a").stream()
                    .filter(c -> c != busy).findFirst().orElseThrow();
            Http2Headers absurd = connect("127.0.0.1:" + allowed);
            absurd.set("x-padding", "p".repeat(1 << 20));
            assertThat(ask(idle, absurd, true).reset()).as("the absurd request is not answered").isTrue();
            Await.until(() -> !idle.isActive(), "the connection it came on is closed");
            assertThat(transfer.finish()).as("the transfer on the other connection came back byte-exact").isTrue();
            assertThat(busy.isActive()).isTrue();
        }
        world.awaitTunnels("agent-a", 2);
        assertThat(ask(world.server().tunnels().connections("agent-a").get(0), connect("127.0.0.1:" + allowed)))
                .isEqualTo(Answer.ok());
    }

    /** An echo transfer through the deployment, held half way until {@link #finish()}. */
    private static final class Transfer implements AutoCloseable {
        private final ExecutorService reader = Executors.newSingleThreadExecutor();
        private final Socket partner;
        private final byte[] data;
        private final Future<Partner.Digest> echoed;

        Transfer(int port, long seed) throws Exception {
            data = Partner.random(8 << 20, seed);
            partner = Partner.connect(port);
            echoed = reader.submit(() -> Partner.readAll(partner.getInputStream()));
            partner.getOutputStream().write(data, 0, data.length / 2);
        }

        /** The tunnel connection carrying this transfer's stream: the only one with a stream open. */
        TunnelConnection carrier(World world) {
            Await.until(() -> world.server().tunnels().connections("agent-a").stream()
                    .filter(c -> c.streams() == 1).count() == 1, "the transfer's stream is open");
            return world.server().tunnels().connections("agent-a").stream().filter(c -> c.streams() == 1)
                    .findFirst().orElseThrow();
        }

        boolean finish() throws Exception {
            partner.getOutputStream().write(data, data.length / 2, data.length - data.length / 2);
            partner.shutdownOutput();
            return echoed.get(60, TimeUnit.SECONDS).sha256().equals(Partner.sha256(data));
        }

        @Override
        public void close() throws Exception {
            partner.close();
            reader.shutdownNow();
        }
    }

    private static Http2Headers connect(String authority) {
        return new DefaultHttp2Headers().method("CONNECT").authority(authority)
                .set(Protocol.DEPLOYMENT_HEADER, "raw-test").set(Protocol.PARTNER_HEADER, "192.0.2.1:4000");
    }

    private static Answer ask(TunnelConnection tunnel, Http2Headers headers) throws Exception {
        return ask(tunnel, headers, false);
    }

    /** Opens a stream, sends {@code headers} and waits for the client's answer; closes the stream then. */
    private static Answer ask(TunnelConnection tunnel, Http2Headers headers, boolean liftHeaderLimit)
            throws Exception {
        Http2StreamChannel stream = tunnel.openStream().get(10, TimeUnit.SECONDS);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        stream.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2HeadersFrame frame) {
                    answer.complete(new Answer(frame.headers().status().toString(),
                            String.valueOf(frame.headers().get(Protocol.ERROR_HEADER)), false));
                }
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                if (evt instanceof Http2ResetFrame) {
                    answer.complete(Answer.RESET);
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                answer.complete(Answer.RESET); // closed without an answer
            }
        });
        stream.eventLoop().submit(() -> {
            if (liftHeaderLimit) {
                stream.parent().pipeline().get(Http2FrameCodec.class).encoder().configuration()
                        .headersConfiguration().maxHeaderListSize(1L << 30);
            }
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, false));
            stream.read();
            return null;
        }).get(10, TimeUnit.SECONDS);
        try {
            return answer.get(20, TimeUnit.SECONDS);
        } finally {
            stream.close();
        }
    }

    /** What the client answered: a status and its {@code usp-error}, or a reset without an answer. */
    record Answer(String status, String error, boolean reset) {
        static final Answer RESET = new Answer(null, null, true);

        static Answer ok() {
            return new Answer("200", "null", false);
        }

        static Answer refused(StreamError error) {
            return new Answer(error.status().codeAsText().toString(), error.wireName(), false);
        }
    }
}
