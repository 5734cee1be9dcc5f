package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.client.config.ClientConfig;
import io.usp.server.config.ServerConfig;
import io.usp.server.config.TunnelConfig;
import io.usp.server.dispatch.Refusal;
import io.usp.server.tunnel.TunnelConnection;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client host that stops (SIGSTOP, a pulled cable) behind a proxy that moves nothing more,
 * FINs included: its tunnel connection is closed by keepalive alone, and partners arriving
 * meanwhile never wait on it, as soon as its PING is overdue.
 */
class SilentTunnelTest {

    /** PING after 500 ms idle, overdue after 1 s, dead after 5 s: a wide window to send partners in. */
    private static final TunnelConfig KEEPALIVE = new TunnelConfig("127.0.0.1", 0, List.of("localhost", "127.0.0.1"),
            Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(5));

    @TempDir
    Path dir;
    World world;
    Targets targets;
    TunnelProxy proxy;
    LogLines keepAlive;
    final ExecutorService pool = Executors.newCachedThreadPool();
    final List<Socket> partners = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        world = new World(dir);
        targets = new Targets();
        keepAlive = new LogLines("io.usp.protocol.tunnel.KeepAlive");
        int echo = targets.start(Targets::echo);
        world.startServer(List.of(World.tunnelled("echo", "agent-a", echo)), Clock.systemUTC(),
                ServerConfig.DEFAULT_MAX_CONNECTIONS, KEEPALIVE);
        proxy = new TunnelProxy(world.server().tunnelPort());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : partners) {
            s.close();
        }
        pool.shutdownNow();
        proxy.close();
        keepAlive.close();
        world.close();
        targets.close();
    }

    @Test
    void aPartnerGoesToTheAnsweringConnectionWhileTheSilentOneIsBeingDetected() throws Exception {
        world.startClient(oneConnection(false));
        world.awaitTunnels("agent-a", 1);
        TunnelConnection healthy = world.server().tunnels().connections("agent-a").get(0);
        Socket held = partner();
        assertThat(Partner.roundTrip(held, new byte[] {1})).containsExactly(1);
        // the healthy connection now carries a stream: least-loaded alone would pick the silent one
        world.startClient(oneConnection(true));
        world.awaitTunnels("agent-a", 2);
        TunnelConnection silent = other(healthy);
        Socket stranded = partner(); // least-loaded: on the soon silent connection
        assertThat(Partner.roundTrip(stranded, new byte[] {3})).containsExactly(3);
        assertThat(silent.streams()).isOne();

        proxy.freeze();
        long frozenAt = System.nanoTime();
        awaitOverdue(silent);
        assertThat(Partner.echoesExactly(world.port("echo"), "127.0.0.1", 1 << 20, 5, pool))
                .as("a partner arriving now is served").isTrue();
        assertThat(silent.isActive()).as("still open: the overdue PING, not the close, kept it off").isTrue();
        assertThat(silent.streams()).as("only the stranded partner's stream").isOne();

        Await.until(() -> !silent.isActive(), "the server closed the silent connection");
        Duration detected = Duration.ofNanos(System.nanoTime() - frozenAt);
        assertThat(detected).as("closed by keepalive around pingTimeout after the freeze, streams or not")
                .isBetween(KEEPALIVE.pingTimeout().minus(KEEPALIVE.pingInterval()),
                        KEEPALIVE.pingTimeout().plusSeconds(3));
        assertThat(keepAlive.any("tunnel peer " + silent.remoteAddress() + " silent for 5000 ms")).isTrue();
        assertThat(Partner.closedByServer(stranded)).as("the partner on the dead connection is closed with it")
                .isTrue();
        assertThat(Partner.roundTrip(held, new byte[] {2})).as("the healthy connection's stream lives on")
                .containsExactly(2);
    }

    @Test
    void withNoConnectionAnsweringAPartnerIsRefusedAtOnceAsNoClient() throws Exception {
        world.startClient(oneConnection(true));
        world.awaitTunnels("agent-a", 1);
        TunnelConnection silent = world.server().tunnels().connections("agent-a").get(0);

        proxy.freeze();
        awaitOverdue(silent);
        assertThat(Partner.closedByServer(partner())).isTrue();
        assertThat(world.stats("echo").refused(Refusal.NO_CLIENT)).isEqualTo(1);
        assertThat(silent.isActive()).as("refused before the silent connection was even closed").isTrue();
        Await.until(() -> !silent.isActive(), "the server closed the silent connection");
    }

    private Socket partner() throws IOException {
        Socket s = Partner.connect(world.port("echo"));
        partners.add(s);
        return s;
    }

    private void awaitOverdue(TunnelConnection silent) {
        Await.until(() -> keepAlive.any("tunnel peer " + silent.remoteAddress() + " has not answered a PING"),
                "the silent connection's PING is overdue");
        assertThat(silent.isAnswering()).isFalse();
    }

    private TunnelConnection other(TunnelConnection healthy) {
        return world.server().tunnels().connections("agent-a").stream().filter(c -> c != healthy).findFirst()
                .orElseThrow();
    }

    /** agent-a with one tunnel connection, dialled directly or through the proxy. */
    private ClientConfig oneConnection(boolean viaProxy) throws Exception {
        ClientConfig c = world.config("agent-a", world.credentials("agent-a"), World.allowLoopback());
        int port = viaProxy ? proxy.port() : world.server().tunnelPort();
        return new ClientConfig(c.file(), c.name(), new ClientConfig.ServerAddress("127.0.0.1", port), c.tls(), 1,
                c.connectTimeout(), c.pingInterval(), c.pingTimeout(), c.reconnect(), c.allow());
    }
}
