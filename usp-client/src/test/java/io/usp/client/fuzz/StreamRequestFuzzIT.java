package io.usp.client.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.AsciiString;
import io.usp.client.target.StreamInitializer;
import io.usp.deployments.AllowList;
import io.usp.deployments.AllowRule;
import io.usp.deployments.Cidr;
import io.usp.deployments.PortRange;
import io.usp.deployments.Target;
import io.usp.protocol.Protocol;
import io.usp.protocol.StreamError;
import io.usp.protocol.target.TargetConnector;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

/**
 * The client's answer to a stream request ({@code CONNECT} from the server, docs/protocol.md
 * section 3) under a coverage-guided fuzzer. Fuzzed header blocks go through the real
 * {@link StreamInitializer} and its stream request handler; each must be answered exactly once,
 * either accepted (past the allow-list, then {@code 200} or a connect error) or refused with a
 * typed {@link StreamError}, and which one must match the request: a malformed one is
 * {@code bad-request}, a target outside the allow-list {@code not-allowed}. An exception, a stream
 * closed without an answer, or no answer at all is a finding.
 *
 * <p>Input: a {@link FuzzedDataProvider}; two flags from its end (a DATA frame before the headers, a
 * second HEADERS frame after them), the rest is the header block, one {@code name: value} per line
 * ({@code :method: CONNECT}), bytes taken as they are. Seeds: {@code StreamRequestFuzzITInputs/connect/}.
 *
 * <p>Names resolve only from the {@code hosts} file next to the seeds (surefire sets
 * {@code jdk.net.hosts.file}), so fuzzed names never reach DNS and the expected answer is certain. The
 * stream's event loop cannot carry a socket, so an accepted request never connects anywhere: its
 * connect fails and is answered as a connect error.
 */
class StreamRequestFuzzIT {

    /** What a request past the allow-list may be answered: 200, or why connecting failed. */
    private static final Set<String> ACCEPTED = Set.of("200", StreamError.REFUSED.wireName(),
            StreamError.UNREACHABLE.wireName(), StreamError.TIMEOUT.wireName());

    static final AllowList ALLOW = new AllowList(List.of(
            new AllowRule(List.of("build.internal", "*.corp.internal"), List.of(),
                    List.of(new PortRange(22, 22), new PortRange(8000, 8099))),
            new AllowRule(List.of(), List.of(Cidr.parse("10.20.0.0/16"), Cidr.parse("2001:db8::/32")),
                    List.of(new PortRange(443, 443)))));

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);

    private static EventLoop loop;
    private static TargetConnector connector;
    private static StreamInitializer initializer;

    @BeforeAll
    static void start() throws UnknownHostException {
        assertThat(InetAddress.getByName("build.internal").getHostAddress())
                .as("names resolve from src/test/resources/io/usp/client/fuzz/hosts (-Djdk.net.hosts.file, see pom.xml)")
                .isEqualTo("10.20.0.5");
        // one refusal per input: the stream log would drown the fuzzer's output
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("usp.streams")).setLevel(Level.WARN);
        loop = new DefaultEventLoop();
        connector = new TargetConnector(Duration.ofMillis(200));
        initializer = new StreamInitializer("agent-fuzz", ALLOW, connector, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        connector.close();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @FuzzTest(maxDuration = "5s")
    void connect(FuzzedDataProvider data) throws Exception {
        boolean dataFirst = data.consumeBoolean();
        boolean headersTwice = data.consumeBoolean();
        Http2Headers headers = headers(data.consumeRemainingAsBytes());
        Set<String> expected = expected(headers);

        StreamChannel stream = StreamChannel.open(loop, initializer);
        try {
            stream.onLoop(() -> {
                if (dataFirst) {
                    stream.writeInbound(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
                }
                stream.writeInbound(new DefaultHttp2HeadersFrame(headers, false));
                if (headersTwice) {
                    stream.writeInbound(new DefaultHttp2HeadersFrame(headers, true));
                }
                return null;
            });
            Http2HeadersFrame answer = answer(stream);
            String outcome = outcome(answer);
            assertThat(outcome).as("answer to %s", headers).isIn(expected);
            Object second = stream.onLoop(stream::readOutbound);
            assertThat(second).as("a second answer to %s", headers).isNull();
            stream.onLoop(() -> {
                stream.checkException();
                return null;
            });
        } finally {
            stream.onLoop(stream::finishAndReleaseAll);
        }
    }

    /** One {@code name: value} per line; a pseudo-header's name keeps its leading colon. */
    static Http2Headers headers(byte[] block) {
        Http2Headers headers = new DefaultHttp2Headers(false);
        int start = 0;
        for (int i = 0; i <= block.length; i++) {
            if (i == block.length || block[i] == '\n') {
                if (i > start) {
                    header(headers, Arrays.copyOfRange(block, start, i));
                }
                start = i + 1;
            }
        }
        return headers;
    }

    private static void header(Http2Headers headers, byte[] line) {
        int colon = -1;
        for (int i = 1; i < line.length && colon < 0; i++) {
            colon = line[i] == ':' ? i : -1;
        }
        if (colon < 0) {
            headers.add(new AsciiString(line), AsciiString.EMPTY_STRING);
            return;
        }
        int value = colon + 1 < line.length && line[colon + 1] == ' ' ? colon + 2 : colon + 1;
        headers.add(new AsciiString(line, 0, colon, true), new AsciiString(line, value, line.length - value, true));
    }

    /** The answers a correct client may give, worked out apart from it (names from the hosts file). */
    private static Set<String> expected(Http2Headers headers) {
        Set<String> badRequest = Set.of(StreamError.BAD_REQUEST.wireName());
        if (headers.method() == null || !"CONNECT".contentEquals(headers.method())) {
            return badRequest;
        }
        Target target;
        try {
            target = Target.parseAuthority(headers.authority() == null ? null : headers.authority().toString());
        } catch (IllegalArgumentException e) {
            return badRequest;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(target.host());
        } catch (UnknownHostException e) {
            return Set.of(ALLOW.permitsByName(target.host(), target.port())
                    ? StreamError.UNREACHABLE.wireName() : StreamError.NOT_ALLOWED.wireName());
        }
        return ALLOW.permits(target.host(), target.port(), address) ? ACCEPTED
                : Set.of(StreamError.NOT_ALLOWED.wireName());
    }

    private static Http2HeadersFrame answer(StreamChannel stream) throws Exception {
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        while (true) {
            Object out = stream.onLoop(stream::readOutbound);
            if (out instanceof Http2HeadersFrame frame) {
                return frame;
            }
            if (out != null) {
                return fail("answered with %s instead of a HEADERS frame", out);
            }
            if (!stream.onLoop(stream::isOpen)) {
                return fail("stream closed without an answer");
            }
            if (System.nanoTime() > deadline) {
                return fail("no answer within %s", ANSWER_TIMEOUT);
            }
            LockSupport.parkNanos(20_000);
        }
    }

    /** {@code 200}, or the refusal's {@code usp-error}, checked against its status. */
    private static String outcome(Http2HeadersFrame answer) {
        CharSequence status = answer.headers().status();
        if ("200".contentEquals(String.valueOf(status))) {
            assertThat(answer.isEndStream()).as("an accepted stream stays open").isFalse();
            return "200";
        }
        CharSequence wire = answer.headers().get(Protocol.ERROR_HEADER);
        StreamError error = StreamError.fromWire(wire, null);
        assertThat(error).as("usp-error '%s' names a StreamError (%s)", wire,
                Arrays.stream(StreamError.values()).map(StreamError::wireName).collect(Collectors.joining(", ")))
                .isNotNull();
        assertThat(String.valueOf(status)).as("status of %s", wire).isEqualTo(error.status().codeAsText().toString());
        assertThat(answer.isEndStream()).as("a refusal ends the stream").isTrue();
        return error.wireName();
    }
}
