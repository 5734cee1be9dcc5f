package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.admin.auth.LoginThrottle;
import io.usp.deployments.Deployment;
import io.usp.server.dispatch.Refusal;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Collections with partner credentials, spoken to by hand: CONNECT answers 407 until the right
 * Basic credentials come, SOCKS5 takes RFC 1929 username/password, a collection without
 * credentials asks for none, refusals are logged as {@code partner-auth}, and a credential added
 * through the admin API applies to the next connection without restarting the listener.
 */
class PartnerCredentialsTest extends WithConnectionLog {

    private static final String SECRET = "alice's long partner secret";
    private static final String ADMIN_PASSWORD = "partner credentials test admin";

    private int echo;
    private final AtomicInteger accepts = new AtomicInteger();

    /** Collection {@code c} (with alice's credential unless {@code open}) and {@code open}, both of {@code mode}. */
    private void start(String mode, boolean credential) throws Exception {
        echo = targets.start(Targets.counting(accepts, Targets::echo));
        world.startServer(List.of(collection("c", mode), collection("open", mode)));
        if (credential) {
            world.partnerCredential("c", "alice", SECRET);
        }
    }

    private Deployment collection(String name, String mode) throws Exception {
        return World.fromJson("""
                {"name": "%s", "mode": "%s", "listener": {"bind": "127.0.0.1", "port": 0},
                 "rules": [{"action": "direct", "hosts": ["echo.internal"], "ports": [%d]}],
                 "dnsOverrides": {"echo.internal": "127.0.0.1"}}""".formatted(name, mode, echo));
    }

    @Test
    void connectAsksFor407UntilTheRightPasswordThenRelaysExactly() throws Exception {
        start("connect", true);

        String none = connectAnswer("127.0.0.2", null);
        assertThat(none).startsWith("HTTP/1.1 407 Proxy Authentication Required\r\n")
                .contains("proxy-authenticate: Basic realm=\"usp\", charset=\"UTF-8\"\r\n", "connection: close")
                .endsWith("credentials required\n");
        assertRefusedAndLogged(1, "127.0.0.2", "no Proxy-Authorization: Basic credentials");
        assertThat(connectAnswer("127.0.0.3", basic("alice", "not the secret"))).startsWith("HTTP/1.1 407 ");
        assertRefusedAndLogged(2, "127.0.0.3", "wrong password for partner user 'alice'");
        assertThat(connectAnswer("127.0.0.4", basic("mallory", SECRET))).startsWith("HTTP/1.1 407 ");
        assertRefusedAndLogged(3, "127.0.0.4", "unknown partner username");
        assertThat(log.lines()).noneMatch(line -> line.contains(SECRET) || line.contains("mallory"));
        assertThat(accepts.get()).as("no target contacted").isZero();

        byte[] early = Partner.random(100_000, 3);
        try (Socket s = Partner.connect(world.port("c"))) {
            s.getOutputStream().write(request(basic("alice", SECRET)));
            s.getOutputStream().write(early);
            InputStream in = s.getInputStream();
            assertThat(ProxyPartner.head(in)).isEqualTo("HTTP/1.1 200 Connection established\r\n\r\n");
            assertThat(ProxyPartner.read(in, early.length)).isEqualTo(early);
            assertThat(Partner.roundTrip(s, new byte[] {7, 0, 8})).containsExactly(7, 0, 8);
        }
        Await.until(() -> log.any("closed", "deployment=c ", "target=127.0.0.1:" + echo, "bytesUp=100003"),
                "the relay logged with every byte");
    }

    @Test
    void aCollectionWithoutCredentialsAsksForNone() throws Exception {
        start("connect", true);

        assertThat(connectAnswer("127.0.0.1", null, "open")).isEqualTo("HTTP/1.1 200 Connection established\r\n\r\n");
        assertThat(world.stats("open").refused(Refusal.PARTNER_AUTH)).isZero();
    }

    @Test
    void socks5TakesUsernameAndPasswordAndAnswersEachAttempt() throws Exception {
        start("socks5", true);

        byte[] early = Partner.random(70_000, 4);
        try (Socket s = Partner.connect(world.port("c"))) {
            s.getOutputStream().write(new byte[] {5, 2, 0, 2});
            InputStream in = s.getInputStream();
            assertThat(ProxyPartner.read(in, 2)).as("username/password chosen").containsExactly(5, 2);
            s.getOutputStream().write(login("alice", SECRET));
            assertThat(ProxyPartner.read(in, 2)).as("RFC 1929 success").containsExactly(1, 0);
            s.getOutputStream().write(ProxyPartner.socks5Request(1, "echo.internal", echo));
            s.getOutputStream().write(early);
            assertThat(ProxyPartner.read(in, 10)).startsWith(5, 0, 0, 1);
            assertThat(ProxyPartner.read(in, early.length)).isEqualTo(early);
        }

        assertThat(socksAnswer("127.0.0.5", new byte[] {5, 1, 2}, login("alice", "not the secret")))
                .as("RFC 1929 failure, then closed").containsExactly(5, 2, 1, 1);
        assertRefusedAndLogged(1, "127.0.0.5", "wrong password for partner user 'alice'");
        assertThat(socksAnswer("127.0.0.6", new byte[] {5, 1, 0}, new byte[0]))
                .as("no acceptable method").containsExactly(5, 0xff);
        assertRefusedAndLogged(2, "127.0.0.6", "offers methods [NO_AUTH(0)], needs PASSWORD(2)");
        assertThat(accepts.get()).as("only the accepted partner reached the target").isEqualTo(1);

        assertThat(socksAnswer("127.0.0.7", new byte[] {5, 1, 0}, ProxyPartner.socks5Request(1, "echo.internal", echo),
                "open")).as("the collection without credentials").startsWith(5, 0, 5, 0, 0, 1);
    }

    @Test
    void tenFailuresLockTheAddressAndTheRightPasswordIsThenRefusedAsThrottled() throws Exception {
        start("connect", true);

        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(connectAnswer("127.0.0.9", basic("guess" + i, SECRET))).startsWith("HTTP/1.1 407 ");
        }
        assertThat(connectAnswer("127.0.0.9", basic("alice", SECRET))).startsWith("HTTP/1.1 407 ");

        Await.until(() -> {
            world.server().refusals().flush();
            return log.any("reason=partner-auth", "partner=127.0.0.9", "detail=\"throttled: address 127.0.0.9 locked");
        }, "the locked attempt logged as throttled");
        assertThat(connectAnswer("127.0.0.10", basic("alice", SECRET)))
                .isEqualTo("HTTP/1.1 200 Connection established\r\n\r\n");
    }

    @Test
    void aCredentialAddedThroughTheApiAppliesToTheNextConnectionWithoutARestart() throws Exception {
        start("connect", false);
        int port = world.port("c");
        AdminApi api = new AdminApi(world.startAdmin(ADMIN_PASSWORD).url(), "admin", ADMIN_PASSWORD);
        assertThat(connectAnswer("127.0.0.1", null)).startsWith("HTTP/1.1 200 ");

        api.expect(204, "PUT", "/api/v1/deployments/c/partners/alice", "{\"password\":\"" + SECRET + "\"}");

        assertThat(connectAnswer("127.0.0.11", null)).startsWith("HTTP/1.1 407 ");
        assertThat(connectAnswer("127.0.0.1", basic("alice", SECRET))).startsWith("HTTP/1.1 200 ");
        assertThat(world.port("c")).as("the same listener").isEqualTo(port);
        assertThat(api.expect(200, "GET", "/api/v1/deployments/c/partners", null).toString())
                .contains("\"username\":\"alice\"").doesNotContain(SECRET, "argon2");

        api.expect(204, "DELETE", "/api/v1/deployments/c/partners/alice", null);

        assertThat(connectAnswer("127.0.0.1", null)).startsWith("HTTP/1.1 200 ");
        assertThat(api.call("PUT", "/api/v1/deployments/c/partners/alice", "{\"password\":\"short\"}").statusCode())
                .isEqualTo(400);
    }

    private void assertRefusedAndLogged(int count, String source, String detail) {
        Await.until(() -> world.stats("c").refused(Refusal.PARTNER_AUTH) == count,
                count + " refusals counted as partner-auth");
        Await.until(() -> log.any("refused deployment=c ", "partner=" + source + ":", "reason=partner-auth",
                "detail=\"" + detail + "\""), "the refusal of " + source + " logged: " + detail);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private byte[] request(String proxyAuthorization) {
        String authority = "echo.internal:" + echo;
        return ("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n"
                + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private String connectAnswer(String source, String proxyAuthorization) throws Exception {
        return connectAnswer(source, proxyAuthorization, "c");
    }

    /** A refusal: everything until the server closes; a success: the answer's head. */
    private String connectAnswer(String source, String proxyAuthorization, String deployment) throws Exception {
        try (Socket s = Partner.connect(world.port(deployment), source)) {
            s.getOutputStream().write(request(proxyAuthorization));
            InputStream in = s.getInputStream();
            String head = ProxyPartner.head(in);
            return head.startsWith("HTTP/1.1 200 ") ? head : head + ProxyPartner.rest(in);
        }
    }

    /** An RFC 1929 username/password request. */
    private static byte[] login(String user, String password) {
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(u.length);
        out.writeBytes(u);
        out.write(p.length);
        out.writeBytes(p);
        return out.toByteArray();
    }

    private int[] socksAnswer(String source, byte[] greeting, byte[] next) throws Exception {
        return socksAnswer(source, greeting, next, "c");
    }

    /** Sends the greeting and what follows at once; everything the server answers until it closes, or 12 bytes. */
    private int[] socksAnswer(String source, byte[] greeting, byte[] next, String deployment) throws Exception {
        try (Socket s = Partner.connect(world.port(deployment), source)) {
            s.getOutputStream().write(greeting);
            s.getOutputStream().write(next);
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            int b;
            while (all.size() < 12 && (b = in.read()) >= 0) {
                all.write(b);
            }
            byte[] bytes = all.toByteArray();
            int[] unsigned = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                unsigned[i] = bytes[i] & 0xff;
            }
            return unsigned;
        }
    }
}
