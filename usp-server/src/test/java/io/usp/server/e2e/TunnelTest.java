package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.client.UspClient;
import io.usp.client.config.ClientConfig;
import io.usp.deployments.yaml.ConfigException;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClientCredentials;
import io.usp.server.dispatch.Refusal;
import io.usp.server.tunnel.TunnelConnection;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tunnel port and the tunnel's life: bad peers refused, dead peers detected, clients coming back. */
class TunnelTest {

    @TempDir
    Path dir;
    World world;
    Targets targets;
    ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() {
        world = new World(dir);
        targets = new Targets();
    }

    @AfterEach
    void tearDown() throws Exception {
        pool.shutdownNow();
        world.close();
        targets.close();
    }

    private int echoDeployment() throws Exception {
        int target = targets.start(Targets::echo);
        world.startServer(List.of(World.tunnelled("echo", "agent-a", target)));
        return target;
    }

    private boolean echoes(int port, int size, long seed) throws Exception {
        return Partner.echoesExactly(port, "127.0.0.1", size, seed, pool);
    }

    @Test
    void clientFromAnotherCaIsRefusedWhileTheLiveTunnelKeepsWorking() throws Exception {
        echoDeployment();
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);

        ClientCredentials foreign = CertificateAuthority.loadOrCreate(dir.resolve("other-ca"))
                .issueClient("agent-b", dir.resolve("foreign"));
        UspClient impostor;
        try (LogLines handshakes = new LogLines("io.usp.server.tunnel.TunnelHandshake")) {
            impostor = world.startClient(world.config("agent-b", foreign, World.allowLoopback()));
            Await.until(() -> handshakes.any("failed: the peer does not trust this server's certificate",
                    "a client whose ca.crt is another CA's", "(it sent the TLS alert unknown_ca)"),
                    "the refusal logged with its likely cause");
        }

        assertThat(echoes(world.port("echo"), 1 << 20, 1)).isTrue();
        assertThat(impostor.connectedTunnels()).isZero();
        assertThat(world.server().tunnels().connections("agent-b")).isEmpty();
        assertThat(world.server().tunnels().connections("agent-a")).hasSize(2);
    }

    @Test
    void aClientCertificateFromAnotherCaThanItsCaFileIsAConfigErrorAtStart() throws Exception {
        echoDeployment();
        ClientCredentials foreign = CertificateAuthority.loadOrCreate(dir.resolve("other-ca"))
                .issueClient("agent-b", dir.resolve("foreign"));
        // its TLS stack would not even offer this certificate to a server of another CA: the server saw none
        ClientCredentials mixed = new ClientCredentials(foreign.certFile(), foreign.keyFile(),
                world.credentials("agent-a").caFile());

        assertThatThrownBy(() -> world.startClient(world.config("agent-b", mixed, World.allowLoopback())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("field 'tls.ca'")
                .hasMessageContaining("the certificate " + foreign.certFile() + " was not issued by the CA in");
    }

    @Test
    void garbageAndPlainHttpOnTheTunnelPortAreClosedWithoutHarm() throws Exception {
        echoDeployment();
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
        int port = world.port("echo");
        Future<Boolean> transfer = pool.submit(() -> echoes(port, 16 << 20, 2));

        LogLines handshakes = new LogLines("io.usp.server.tunnel.TunnelHandshake");
        for (String junk : List.of("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "\u0016\u0003\u0001garbage-after-a-tls-header")) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), world.server().tunnelPort())) {
                s.setSoTimeout(20_000);
                OutputStream out = s.getOutputStream();
                out.write(junk.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(Partner.closedByServer(s)).as("server closes a connection that sent %s", junk).isTrue();
            }
        }
        Await.until(() -> handshakes.any("failed: the peer does not speak TLS: a plain TCP or HTTP client"),
                "plain HTTP logged as what it most likely is");
        handshakes.close();
        assertThat(transfer.get()).isTrue();
        assertThat(world.server().tunnels().connections("agent-a")).hasSize(2);
    }

    @Test
    void clientHostLostMidTransferClosesPartnersAndTheClientComesBack() throws Exception {
        byte[] endless = new byte[64 * 1024];
        int target = targets.start(s -> {
            while (true) {
                s.getOutputStream().write(endless); // streams until the connection dies
            }
        });
        int echo = targets.start(Targets::echo);
        world.startServer(List.of(World.tunnelled("stream", "agent-a", target),
                World.tunnelled("echo", "agent-a", echo)));
        TunnelProxy proxy = new TunnelProxy(world.server().tunnelPort());
        ClientCredentials creds = world.credentials("agent-a");
        world.startClient(viaProxy(world.config("agent-a", creds, World.allowLoopback()), proxy));
        world.awaitTunnels("agent-a", 2);

        try (Socket partner = Partner.connect(world.port("stream"))) {
            Await.until(() -> world.stats("stream").relayed() == 0 && partnerReads(partner), "bytes are flowing");
            proxy.cut();
            Await.until(() -> drainedToEnd(partner), "the partner's connection is closed");
        }
        Await.until(() -> world.stats("stream").relayed() == 1, "the relay is logged as closed");
        Await.until(() -> world.server().tunnels().connections("agent-a").size() == 2, "the client reconnected");
        assertThat(echoes(world.port("echo"), 1 << 20, 3)).isTrue();
        proxy.close();
    }

    @Test
    void silentPeerIsDetectedByPingAndItsTunnelClosed() throws Exception {
        echoDeployment();
        TunnelProxy proxy = new TunnelProxy(world.server().tunnelPort());
        world.startClient(viaProxy(world.config("agent-a", world.credentials("agent-a"), World.allowLoopback()), proxy));
        world.awaitTunnels("agent-a", 2);
        List<TunnelConnection> before = world.server().tunnels().connections("agent-a");

        proxy.freeze(); // connections stay open, nothing moves: only keepalive can notice
        Await.until(() -> before.stream().noneMatch(TunnelConnection::isActive), "the server closed the silent connections");
        try (Socket partner = Partner.connect(world.port("echo"))) {
            assertThat(Partner.closedByServer(partner)).isTrue();
        }
        assertThat(world.stats("echo").refused(Refusal.NO_CLIENT)).isEqualTo(1);
        proxy.close();
    }

    @Test
    void targetsAbortingFullStreamsDoNotCostTheTunnel() throws Exception {
        int aborting = targets.start(s -> {
            s.getInputStream().readNBytes(1 << 20);
            s.setSoLinger(true, 0); // reset while the stream still has DATA in flight
        });
        int echo = targets.start(Targets::echo);
        world.startServer(List.of(World.tunnelled("abort", "agent-a", aborting), World.tunnelled("echo", "agent-a", echo)));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
        List<TunnelConnection> before = world.server().tunnels().connections("agent-a");

        int port = world.port("abort");
        for (int round = 0; round < 4; round++) { // each reset leaves a window of DATA in flight
            List<Future<?>> pushers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                pushers.add(pool.submit(() -> pushUntilReset(port)));
            }
            for (Future<?> f : pushers) {
                f.get();
            }
        }
        assertThat(echoes(world.port("echo"), 1 << 20, 4)).isTrue();
        assertThat(world.server().tunnels().connections("agent-a"))
                .as("the same two tunnel connections, never dropped by a reset guard")
                .containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void twoClientProcessesWithOneNameShareTheStreams() throws Exception {
        int target = targets.start(s -> {
            s.getInputStream().read(); // hold the stream open until the partner sends a byte
            s.getOutputStream().write('x');
        });
        world.startServer(List.of(World.tunnelled("held", "agent-a", target)));
        ClientCredentials creds = world.credentials("agent-a");
        world.startClient(world.config("agent-a", creds, World.allowLoopback()));
        world.startClient(world.config("agent-a", creds, World.allowLoopback()));
        world.awaitTunnels("agent-a", 4);

        List<Socket> partners = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            partners.add(Partner.connect(world.port("held")));
        }
        Await.until(() -> world.server().tunnels().connections("agent-a").stream()
                .mapToInt(TunnelConnection::streams).sum() == 8, "8 streams are open");
        assertThat(world.server().tunnels().connections("agent-a"))
                .as("least-loaded spreading puts two streams on each of the four connections")
                .allSatisfy(c -> assertThat(c.streams()).isEqualTo(2));
        for (Socket p : partners) {
            p.getOutputStream().write('y');
            assertThat(p.getInputStream().read()).isEqualTo('x');
            p.close();
        }
    }

    private static Void pushUntilReset(int port) throws Exception {
        byte[] chunk = new byte[64 * 1024];
        try (Socket s = Partner.connect(port)) {
            OutputStream out = s.getOutputStream();
            while (true) {
                out.write(chunk);
            }
        } catch (java.io.IOException reset) {
            return null; // the target's reset came through
        }
    }

    private static ClientConfig viaProxy(ClientConfig c, TunnelProxy proxy) {
        return new ClientConfig(c.file(), c.name(), new ClientConfig.ServerAddress("127.0.0.1", proxy.port()), c.tls(),
                c.connections(), c.connectTimeout(), c.pingInterval(), c.pingTimeout(), c.reconnect(), c.allow());
    }

    private static boolean partnerReads(Socket s) {
        try {
            return s.getInputStream().read(new byte[1024]) > 0;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean drainedToEnd(Socket s) {
        try {
            byte[] buf = new byte[64 * 1024];
            while (s.getInputStream().read(buf) != -1) {
                // keep draining what was in flight
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true;
        } catch (Exception timeout) {
            return false;
        }
    }
}
