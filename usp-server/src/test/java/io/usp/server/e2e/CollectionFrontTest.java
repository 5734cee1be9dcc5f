package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Deployment;
import io.usp.server.dispatch.Refusal;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The CONNECT and SOCKS5 fronts spoken by hand: each answer exactly as a partner sees it,
 * pipelined bytes kept, and every kind of bad input refused with its code, closed and logged
 * without a byte reaching a target.
 */
class CollectionFrontTest extends WithConnectionLog {

    private int echo;
    private final AtomicInteger accepts = new AtomicInteger();

    private void start(String mode) throws Exception {
        echo = targets.start(Targets.counting(accepts, Targets::echo));
        Deployment d = World.fromJson("""
                {"name": "c", "mode": "%s", "listener": {"bind": "127.0.0.1", "port": 0}, "client": "agent-a",
                 "rules": [{"action": "block", "hosts": ["*.secret.internal"]},
                           {"action": "tunnel", "hosts": ["*.build.internal", "127.0.0.1"], "ports": [%d]},
                           {"action": "direct", "hosts": ["direct.internal"], "ports": [%d]}],
                 "dnsOverrides": {"echo.build.internal": "127.0.0.1", "x.secret.internal": "127.0.0.1",
                                  "direct.internal": "127.0.0.1"}}""".formatted(mode, echo, echo));
        world.startServer(List.of(d));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
    }

    private void assertRefused(Refusal reason, String... logged) {
        Await.until(() -> world.stats("c").refused(reason) == 1, "one refusal counted as " + reason.label());
        String[] parts = new String[logged.length + 1];
        parts[0] = "reason=" + reason.label();
        System.arraycopy(logged, 0, parts, 1, logged.length);
        Await.until(() -> log.any(parts), "the refusal logged with " + List.of(parts));
        assertThat(accepts.get()).as("no target contacted").isZero();
    }

    @Test
    void connectAnswers200AndRelaysWhatWasPipelinedBehindTheRequest() throws Exception {
        start("connect");
        byte[] early = Partner.random(100_000, 1);
        try (Socket s = Partner.connect(world.port("c"))) {
            ProxyPartner.connect(s, "echo.build.internal:" + echo, early);
            InputStream in = s.getInputStream();
            assertThat(ProxyPartner.head(in)).isEqualTo("HTTP/1.1 200 Connection established\r\n\r\n");
            assertThat(ProxyPartner.read(in, early.length)).isEqualTo(early);
            assertThat(Partner.roundTrip(s, new byte[] {7, 8})).containsExactly(7, 8);
        }
        Await.until(() -> log.any("closed", "deployment=c ", "rule=2", "target=127.0.0.1:" + echo),
                "the relay logged with its rule and the overridden destination");
    }

    @Test
    void connectRefusalsCarryTheirStatusAndAOneLineReason() throws Exception {
        start("connect");
        try (Socket s = Partner.connect(world.port("c"))) {
            ProxyPartner.connect(s, "x.secret.internal:" + echo, "secret".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertThat(ProxyPartner.head(in)).startsWith("HTTP/1.1 403 Forbidden\r\n").contains("connection: close");
            assertThat(ProxyPartner.rest(in)).isEqualTo("destination not allowed\n");
        }
        assertRefused(Refusal.BLOCKED_BY_RULE, "rule=1");
        try (Socket s = Partner.connect(world.port("c"))) {
            ProxyPartner.connect(s, "echo.build.internal:" + (echo + 1), new byte[0]);
            assertThat(ProxyPartner.head(s.getInputStream())).startsWith("HTTP/1.1 403 ");
        }
        assertRefused(Refusal.NO_RULE, "no rule matches echo.build.internal:" + (echo + 1));
    }

    @Test
    void connectRefusesBadRequestsWithTheRightStatus() throws Exception {
        start("connect");
        assertThat(answer("GET http://echo.build.internal/ HTTP/1.1\r\nHost: x\r\n\r\n"))
                .startsWith("HTTP/1.1 405 ").contains("allow: CONNECT").endsWith("only CONNECT is served here\n");
        assertThat(answer("CONNECT echo.build.internal HTTP/1.1\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ").endsWith("the CONNECT target must be host:port\n");
        assertThat(answer("CONNECT a:1 HTTP/1.1\r\nBad Header: x\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(answer("CONNECT " + "a".repeat(5000) + ":1 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 414 ");
        assertThat(answer("CONNECT a:1 HTTP/1.1\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 ");
        Await.until(() -> world.stats("c").refused(Refusal.BAD_REQUEST) == 5, "five bad requests counted");
        assertThat(log.count("reason=bad-request", "method GET instead of CONNECT")).isEqualTo(1);
        assertThat(accepts.get()).isZero();
    }

    @Test
    void aPartnerThatSendsNothingIsAnswered408AfterTheRequestTimeout() throws Exception {
        start("connect");
        try (Socket s = Partner.connect(world.port("c"))) {
            s.getOutputStream().write("CONNECT echo.build.internal:1 HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertThat(ProxyPartner.head(in)).startsWith("HTTP/1.1 408 ");
            assertThat(ProxyPartner.rest(in)).isEqualTo("no complete CONNECT request in time\n");
        }
        assertRefused(Refusal.REQUEST_TIMEOUT);
    }

    @Test
    void socks5ConnectsByNameAndRelaysWhatWasPipelined() throws Exception {
        start("socks5");
        byte[] early = Partner.random(70_000, 2);
        try (Socket s = Partner.connect(world.port("c"))) {
            ProxyPartner.socks5(s, "echo.build.internal", echo, early);
            InputStream in = s.getInputStream();
            assertThat(ProxyPartner.read(in, 2)).containsExactly(5, 0);
            assertThat(ProxyPartner.read(in, 10)).startsWith(5, 0, 0, 1);
            assertThat(ProxyPartner.read(in, early.length)).isEqualTo(early);
        }
        Await.until(() -> log.any("closed", "deployment=c ", "rule=2"), "the relay logged with its rule");
    }

    @Test
    void socks5DirectRuleConnectsFromTheServer() throws Exception {
        start("socks5");
        try (Socket s = Partner.connect(world.port("c"))) {
            ProxyPartner.socks5(s, "direct.internal", echo, new byte[] {42});
            InputStream in = s.getInputStream();
            assertThat(ProxyPartner.read(in, 12)).startsWith(5, 0, 5, 0);
            assertThat(ProxyPartner.read(in, 1)).containsExactly(42);
        }
        Await.until(() -> log.any("closed", "deployment=c ", "rule=3", "via=direct"), "relayed directly, rule 3");
    }

    @Test
    void socks5RefusalsAndBadInputGetTheirReplyCodes() throws Exception {
        start("socks5");
        assertThat(socksAnswer(new byte[] {5, 1, 0}, ProxyPartner.socks5Request(1, "x.secret.internal", echo)))
                .containsExactly(5, 0, 5, 2, 0, 1, 0, 0, 0, 0, 0, 0);
        assertRefused(Refusal.BLOCKED_BY_RULE, "rule=1");
        assertThat(socksAnswer(new byte[] {5, 1, 0}, ProxyPartner.socks5Request(2, "echo.build.internal", echo)))
                .as("BIND: command not supported").containsExactly(5, 0, 5, 7, 0, 1, 0, 0, 0, 0, 0, 0);
        assertThat(socksAnswer(new byte[] {5, 1, 0}, new byte[] {5, 1, 0, 9, 1, 2}))
                .as("address type 9").containsExactly(5, 0, 5, 8, 0, 1, 0, 0, 0, 0, 0, 0);
        assertThat(socksAnswer(new byte[] {5, 1, 2}, new byte[0]))
                .as("only username/password offered, none configured").containsExactly(5, 0xff);
        assertThat(socksAnswer("127.0.0.4", new byte[] {4, 1, 0, 22, 127, 0, 0, 1, 0}, new byte[0]))
                .as("SOCKS4: request rejected").containsExactly(0, 91, 0, 0, 0, 0, 0, 0);
        Await.until(() -> world.stats("c").refused(Refusal.BAD_REQUEST) == 4, "four bad requests counted");
        assertThat(log.count("reason=bad-request", "SOCKS version 4 is not supported")).isEqualTo(1);
        assertThat(accepts.get()).isZero();
    }

    /** Sends {@code request}, returns everything the server answers until it closes. */
    private String answer(String request) throws Exception {
        try (Socket s = Partner.connect(world.port("c"))) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return ProxyPartner.rest(s.getInputStream());
        }
    }

    private int[] socksAnswer(byte[] greeting, byte[] request) throws Exception {
        return socksAnswer("127.0.0.1", greeting, request);
    }

    /** From {@code source}: refusals of one address within a second are logged as one line. */
    private int[] socksAnswer(String source, byte[] greeting, byte[] request) throws Exception {
        try (Socket s = Partner.connect(world.port("c"), source)) {
            s.getOutputStream().write(greeting);
            s.getOutputStream().write(request);
            byte[] all = s.getInputStream().readAllBytes();
            int[] unsigned = new int[all.length];
            for (int i = 0; i < all.length; i++) {
                unsigned[i] = all[i] & 0xff;
            }
            return unsigned;
        }
    }
}
