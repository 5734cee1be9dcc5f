package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.protocol.Protocol;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClientCredentials;
import io.usp.protocol.pki.Pem;
import io.usp.server.config.ServerConfig;
import io.usp.server.config.TunnelConfig;
import io.usp.server.tunnel.TunnelConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Everything on the tunnel port that is not a client with a valid certificate is refused and
 * closed, and a live tunnel keeps moving data byte-exact meanwhile: junk, TLS without or with
 * the wrong certificate, peers that never speak, and more handshakes at once than the caps allow.
 * (Plain HTTP and another CA's client as a real UspClient: TunnelTest.)
 */
class TunnelRefusalTest {

    @TempDir
    Path dir;
    World world;
    Targets targets;
    LogLines handshakeLog;
    LogLines capLog;
    LogLines uncaught;
    final ExecutorService pool = Executors.newCachedThreadPool();
    final List<Socket> silent = new ArrayList<>();

    @BeforeEach
    void setUp() {
        world = new World(dir);
        targets = new Targets();
        handshakeLog = new LogLines("io.usp.server.tunnel.TunnelHandshake");
        capLog = new LogLines("io.usp.server.tunnel.TunnelInitializer");
        uncaught = LogLines.uncaughtInPipelines();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : silent) {
            s.close();
        }
        pool.shutdownNow();
        assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
        uncaught.close();
        capLog.close();
        handshakeLog.close();
        world.close();
        targets.close();
    }

    /** An echo deployment through agent-a, with agent-a's two tunnel connections up. */
    private List<TunnelConnection> liveTunnel(TunnelConfig tunnel) throws Exception {
        int target = targets.start(Targets::echo);
        world.startServer(List.of(World.tunnelled("echo", "agent-a", target)), Clock.systemUTC(),
                ServerConfig.DEFAULT_MAX_CONNECTIONS, tunnel);
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
        return world.server().tunnels().connections("agent-a");
    }

    private void assertUnharmed(Traffic traffic, List<TunnelConnection> before) throws Exception {
        assertThat(traffic.stop()).as("byte-exact transfers while the refusals happened").isPositive();
        assertThat(world.server().tunnels().connections("agent-a"))
                .as("the same two tunnel connections").containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void junkAndBadCertificatesAreRefusedWhileATunnelMovesData() throws Exception {
        List<TunnelConnection> before = liveTunnel(World.tunnelConfig());
        Traffic traffic = new Traffic(pool, world.port("echo"));
        int port = world.server().tunnelPort();
        Path ca = world.credentials("agent-a").caFile();

        assertThat(TlsProbe.admitted(port, "127.0.0.1", ca, Optional.of(world.credentials("agent-probe"))))
                .as("control: the probe with a valid certificate gets through").isTrue();
        Await.until(() -> world.server().tunnels().connections("agent-probe").isEmpty(), "the probe is gone");

        // plain HTTP and a fake TLS header: TunnelTest; here bytes with no shape at all
        sendAndExpectClose(port, Partner.random(4096, 11));
        awaitExplained("does not speak TLS");

        assertThat(TlsProbe.admitted(port, "127.0.0.1", ca, Optional.empty()))
                .as("a TLS client without a certificate").isFalse();
        awaitExplained("no client certificate");
        ClientCredentials foreign = CertificateAuthority.loadOrCreate(dir.resolve("other-ca"))
                .issueClient("agent-a", dir.resolve("foreign"));
        assertThat(TlsProbe.admitted(port, "127.0.0.1", ca, Optional.of(foreign)))
                .as("a certificate from another CA, even with a known client's name").isFalse();
        awaitExplained("not from this server's CA");
        Clock twoDaysAgo = Clock.offset(Clock.systemUTC(), Duration.ofDays(-2));
        ClientCredentials expired = CertificateAuthority.loadOrCreate(dir.resolve("server-data"), twoDaysAgo)
                .issueClient("agent-a", dir.resolve("expired"), Duration.ofDays(1));
        assertThat(TlsProbe.admitted(port, "127.0.0.1", ca, Optional.of(expired)))
                .as("an expired certificate from the right CA").isFalse();
        awaitExplained("certificate has expired");

        assertUnharmed(traffic, before);
        assertThat(world.server().tunnels().all()).hasSize(2);
    }

    @Test
    void aPeerThatNeverSpeaksIsHeldOnlyUntilTheHandshakeTimeout() throws Exception {
        TunnelConfig quick = new TunnelConfig("127.0.0.1", 0, List.of("localhost", "127.0.0.1"),
                Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(2));
        List<TunnelConnection> before = liveTunnel(quick);
        Traffic traffic = new Traffic(pool, world.port("echo"));

        try (Socket mute = Partner.connect(world.server().tunnelPort())) {
            assertThat(Partner.closedByServer(mute)).as("closed by the server within the read timeout").isTrue();
        }
        Await.until(() -> handshakeLog.any("failed", "timed out"), "the timeout is logged as the reason");
        assertUnharmed(traffic, before);
    }

    @Test
    void aPeerThatSendsNothingGivesItsSlotBackAtTheHelloTimeoutWhileOneThatSpeaksIsKept() throws Exception {
        List<TunnelConnection> before = liveTunnel(longHandshakes().withHelloTimeout(Duration.ofMillis(300)));
        Traffic traffic = new Traffic(pool, world.port("echo"));

        try (Socket speaking = Partner.connect(world.server().tunnelPort(), "127.0.0.2");
             Socket mute = Partner.connect(world.server().tunnelPort(), "127.0.0.3")) {
            speaking.getOutputStream().write(0x16); // the first byte of a TLS record, and nothing more
            assertThat(Partner.closedByServer(mute)).as("the silent one is closed").isTrue();
            Await.until(() -> handshakeLog.any("/127.0.0.3:", "failed: the peer sent nothing within "
                    + "tunnel.helloTimeout (300 ms)"), "the hello timeout is logged as the reason");
            Await.until(() -> world.server().metricsRegistry().scrape().contains("usp_tunnel_handshakes 1.0"),
                    "its handshake slot is free again");
            assertThat(Partner.closedCount(List.of(speaking), 20)).as("a peer that sent something waits for "
                    + "tunnel.handshakeTimeout").isZero();
        }
        assertUnharmed(traffic, before);
    }

    @Test
    void silentConnectionsOverThePerAddressCapAreClosedAtOnceWhileOtherAddressesGetThrough() throws Exception {
        int perIp = 4;
        List<TunnelConnection> before = liveTunnel(longHandshakes().withHandshakeCaps(64, perIp));
        Traffic traffic = new Traffic(pool, world.port("echo"));

        List<Socket> fromOneHost = openSilent("127.0.0.2", perIp + 3);
        Await.until(() -> Partner.closedCount(fromOneHost, 20) == 3, "the 3 connections over the cap are closed");
        assertThat(capLog.lines()).filteredOn(l -> l.contains("/127.0.0.2:") && l.contains("maxHandshakesPerIp"))
                .hasSize(3);
        assertThat(world.server().metricsRegistry().scrape())
                .contains("usp_tunnel_handshakes_refused_total{cap=\"maxHandshakesPerIp\"} 3.0");

        world.startClient("agent-b", World.allowLoopback()); // dials from 127.0.0.1
        world.awaitTunnels("agent-b", 2);
        assertThat(Partner.closedCount(fromOneHost, 20)).as("the held ones wait for the handshake timeout")
                .isEqualTo(3);

        closeAll(fromOneHost);
        Path ca = world.credentials("agent-a").caFile();
        Await.until(() -> probeGetsThrough("127.0.0.2", ca), "127.0.0.2 gets its slots back");
        assertUnharmed(traffic, before);
    }

    @Test
    void theServerWideCapRefusesEveryNewAddressUntilASlotFrees() throws Exception {
        List<TunnelConnection> before = liveTunnel(longHandshakes().withHandshakeCaps(4, 2));
        Traffic traffic = new Traffic(pool, world.port("echo"));

        List<Socket> held = new ArrayList<>(openSilent("127.0.0.2", 2));
        held.addAll(openSilent("127.0.0.3", 2));
        held.addAll(openSilent("127.0.0.4", 1));
        Await.until(() -> Partner.closedCount(held, 20) == 2,
                "two of five are closed: addresses no client came from share 3 of the 4 slots");
        Await.until(() -> capLog.any("maxHandshakes = 4, 1 of them kept for addresses clients connected from lately"),
                "the server-wide cap is logged");

        Path ca = world.credentials("agent-a").caFile();
        assertThat(TlsProbe.admitted(world.server().tunnelPort(), "127.0.0.5", ca,
                Optional.of(world.credentials("agent-probe")))).as("a valid client while the slots are full").isFalse();

        closeAll(held);
        Await.until(() -> probeGetsThrough("127.0.0.5", ca), "a valid client gets through once slots free");
        assertUnharmed(traffic, before);
    }

    @Test
    void aClientThatConnectedBeforeGetsItsTunnelBackWhileSilentConnectionsFromElsewhereFillTheCap()
            throws Exception {
        List<TunnelConnection> before = liveTunnel(longHandshakes().withHandshakeCaps(8, 2)); // from 127.0.0.1
        List<Socket> flood = new ArrayList<>();
        for (int host = 3; host <= 8; host++) {
            flood.addAll(openSilent("127.0.0." + host, 2));
        }
        Await.until(() -> Partner.closedCount(flood, 20) == 6, "6 of 12 silent connections are closed: "
                + "addresses no client came from hold at most 6 of the 8 slots");
        Path ca = world.credentials("agent-a").caFile();
        assertThat(TlsProbe.admitted(world.server().tunnelPort(), "127.0.0.9", ca,
                Optional.of(world.credentials("agent-probe")))).as("a valid client from a new address").isFalse();

        long lostAt = System.nanoTime();
        before.forEach(TunnelConnection::close); // agent-a dials again, from the address it came from before
        Await.until(() -> world.server().tunnels().connections("agent-a").size() == 2
                        && world.server().tunnels().connections("agent-a").stream().noneMatch(before::contains),
                "agent-a has its two tunnel connections back");
        assertThat(Duration.ofNanos(System.nanoTime() - lostAt)).as("back within its reconnect backoff")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(Partner.closedCount(flood, 20)).as("the flood still holds its slots").isEqualTo(6);
        assertThat(Partner.echoesExactly(world.port("echo"), "127.0.0.1", 1 << 20, 7, pool)).isTrue();
    }

    /** Handshakes that outlive every test: a silent connection is closed only by a cap. */
    private static TunnelConfig longHandshakes() {
        return new TunnelConfig("127.0.0.1", 0, List.of("localhost", "127.0.0.1"),
                Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMinutes(5))
                .withHelloTimeout(Duration.ofMinutes(5));
    }

    /** Waits for the handshake failure logged with these words, the likely cause an operator reads. */
    private void awaitExplained(String words) {
        Await.until(() -> handshakeLog.any("failed: ", words),
                "a tunnel handshake failure explained as '" + words + "'");
    }

    private boolean probeGetsThrough(String source, Path ca) {
        try {
            return TlsProbe.admitted(world.server().tunnelPort(), source, ca,
                    Optional.of(world.credentials("agent-probe")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void sendAndExpectClose(int port, byte[] junk) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(junk);
            out.flush();
            assertThat(Partner.closedByServer(s)).as("the server closes a connection that sent junk").isTrue();
        }
    }

    private List<Socket> openSilent(String source, int count) throws IOException {
        List<Socket> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket s = Partner.connect(world.server().tunnelPort(), source);
            silent.add(s);
            opened.add(s);
        }
        return opened;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }



    /** Echo transfers through the tunnel, one after another and SHA-checked, until stopped. */
    static final class Traffic {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Future<Integer> loop;

        Traffic(ExecutorService pool, int port) {
            loop = pool.submit(() -> {
                int done = 0;
                while (running.get() || done == 0) {
                    if (!Partner.echoesExactly(port, "127.0.0.1", 4 << 20, done, pool)) {
                        throw new AssertionError("transfer " + done + " came back different");
                    }
                    done++;
                }
                return done;
            });
        }

        /** Stops after the transfer under way; how many transfers came back byte-exact. */
        int stop() throws Exception {
            running.set(false);
            return loop.get();
        }
    }

    /** A bare TLS client on the tunnel port, offering {@code usp/1}, with or without a certificate. */
    static final class TlsProbe {

        /**
         * True when the server took the connection as a tunnel (it sends its HTTP/2 preface); false
         * when it refused: a TLS alert, or the connection closed.
         */
        static boolean admitted(int port, String source, Path caFile, Optional<ClientCredentials> credentials)
                throws Exception {
            Socket tcp = new Socket();
            tcp.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
            tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            try (SSLSocket tls = (SSLSocket) context(caFile, credentials).getSocketFactory()
                    .createSocket(tcp, "127.0.0.1", port, true)) {
                tls.setSoTimeout(20_000);
                SSLParameters params = tls.getSSLParameters();
                params.setApplicationProtocols(new String[] {Protocol.ALPN});
                tls.setSSLParameters(params);
                tls.startHandshake(); // in TLS 1.3 the server judges the client's certificate after this
                return tls.getInputStream().read() != -1;
            } catch (SSLException | SocketException refused) {
                return false;
            }
        }

        private static SSLContext context(Path caFile, Optional<ClientCredentials> credentials) throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", Pem.readCertificate(caFile));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManager[] keys = credentials.isEmpty() ? null : new KeyManager[] {new Insistent(
                    Pem.readPrivateKey(credentials.get().keyFile()), Pem.readCertificate(credentials.get().certFile()))};
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys, tmf.getTrustManagers(), null);
            return context;
        }
    }

    /**
     * Offers its certificate whatever CAs the server names: the JDK's own key manager would stay
     * silent for a certificate from another CA, which would test "no certificate" twice.
     */
    static final class Insistent extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate certificate;

        Insistent(PrivateKey key, X509Certificate certificate) {
            this.key = key;
            this.certificate = certificate;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return new X509Certificate[] {certificate};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }
    }
}
