package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Deployment;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.server.config.ServerConfig;
import io.usp.server.dispatch.Refusal;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every limit at its exact edge, through a real tunnel: N connections open and relaying, the
 * N+1th closed at once and counted under its limit, and a slot given back (or a second passed)
 * admits a new one. Slots are released asynchronously, so the tests wait for the count to drop.
 */
class LimitsTest {

    @TempDir
    Path dir;
    World world;
    Targets targets;
    LogLines uncaught;
    final List<Socket> partners = new ArrayList<>();

    @BeforeEach
    void setUp() {
        world = new World(dir);
        targets = new Targets();
        uncaught = LogLines.uncaughtInPipelines();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : partners) {
            s.close();
        }
        assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
        uncaught.close();
        world.close();
        targets.close();
    }

    private Deployment limited(String name, Limits limits) throws IOException {
        int target = targets.start(Targets::echo);
        return World.deployment(name, Optional.of("agent-a"), target, IpFilter.ALLOW_ALL, limits);
    }

    private void start(List<Deployment> deployments, Clock clock, int serverMax) throws Exception {
        world.startServer(deployments, clock, serverMax);
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
    }

    private static Limits limits(Integer max, Integer perIp, Integer perSecond) {
        return new Limits(optional(max), optional(perIp), optional(perSecond));
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** Opens a partner connection from {@code source} and proves it relays; keeps it open. */
    private Socket admitted(String deployment, String source) throws IOException {
        Socket s = Partner.connect(world.port(deployment), source);
        partners.add(s);
        assertWorks(s);
        return s;
    }

    private static void assertWorks(Socket s) throws IOException {
        byte[] data = Partner.random(16 * 1024, s.getLocalPort());
        assertThat(Partner.roundTrip(s, data)).as("partner %s echoes", s.getLocalSocketAddress()).isEqualTo(data);
    }

    private void assertRefused(String deployment, String source, Refusal reason) throws IOException {
        long before = world.stats(deployment).refused(reason);
        try (Socket s = Partner.connect(world.port(deployment), source)) {
            assertThat(Partner.closedByServer(s)).as("partner from %s is closed at once", source).isTrue();
        }
        Await.until(() -> world.stats(deployment).refused(reason) == before + 1,
                deployment + " counts the refusal of " + source + " as " + reason);
    }

    private void closeAndAwaitRelease(Socket partner, String deployment, int openAfter) throws IOException {
        partners.remove(partner);
        partner.close();
        Await.until(() -> world.open(deployment) == openAfter, deployment + " has " + openAfter + " open");
    }

    @Test
    void listenerMaxConnectionsAdmitsExactlyN() throws Exception {
        start(List.of(limited("capped", limits(3, null, null))), Clock.systemUTC(), ServerConfig.DEFAULT_MAX_CONNECTIONS);

        Socket first = admitted("capped", "127.0.0.1");
        admitted("capped", "127.0.0.2");
        admitted("capped", "127.0.0.3");
        assertRefused("capped", "127.0.0.4", Refusal.LISTENER_LIMIT);
        assertThat(world.open("capped")).isEqualTo(3);

        closeAndAwaitRelease(first, "capped", 2);
        admitted("capped", "127.0.0.4");
        assertRefused("capped", "127.0.0.5", Refusal.LISTENER_LIMIT);

        for (Socket s : partners) {
            assertWorks(s); // refusals did not touch the admitted ones
        }
        assertThat(world.stats("capped").refused(Refusal.LISTENER_LIMIT)).isEqualTo(2);
        assertThat(world.stats("capped").accepted()).isEqualTo(4);
    }

    @Test
    void maxConnectionsPerIpCapsOneAddressOnly() throws Exception {
        start(List.of(limited("per-ip", limits(null, 2, null))), Clock.systemUTC(), ServerConfig.DEFAULT_MAX_CONNECTIONS);

        Socket first = admitted("per-ip", "127.0.0.2");
        admitted("per-ip", "127.0.0.2");
        assertRefused("per-ip", "127.0.0.2", Refusal.IP_LIMIT);
        admitted("per-ip", "127.0.0.3");
        admitted("per-ip", "127.0.0.3");
        assertRefused("per-ip", "127.0.0.3", Refusal.IP_LIMIT);

        closeAndAwaitRelease(first, "per-ip", 3);
        admitted("per-ip", "127.0.0.2");
        assertRefused("per-ip", "127.0.0.2", Refusal.IP_LIMIT);

        for (Socket s : partners) {
            assertWorks(s);
        }
        assertThat(world.stats("per-ip").refused(Refusal.IP_LIMIT)).isEqualTo(3);
    }

    @Test
    void newConnectionsPerSecondPerIpRefillsAfterASecond() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        start(List.of(limited("rate", limits(null, null, 3))), clock, ServerConfig.DEFAULT_MAX_CONNECTIONS);

        for (int i = 0; i < 3; i++) {
            admitted("rate", "127.0.0.2");
        }
        assertRefused("rate", "127.0.0.2", Refusal.IP_RATE);
        admitted("rate", "127.0.0.3"); // another address has its own budget

        // closing connections gives back no rate budget: only time does
        for (Socket s : List.copyOf(partners)) {
            closeAndAwaitRelease(s, "rate", partners.size() - 1);
        }
        assertRefused("rate", "127.0.0.2", Refusal.IP_RATE);

        clock.advance(Duration.ofSeconds(1));
        for (int i = 0; i < 3; i++) {
            admitted("rate", "127.0.0.2");
        }
        assertRefused("rate", "127.0.0.2", Refusal.IP_RATE);
        assertThat(world.stats("rate").refused(Refusal.IP_RATE)).isEqualTo(3);
        assertThat(world.stats("rate").accepted()).isEqualTo(7);
    }

    @Test
    void serverWideMaxConnectionsSpansDeployments() throws Exception {
        start(List.of(limited("a", Limits.NONE), limited("b", Limits.NONE)), Clock.systemUTC(), 3);

        Socket firstOnA = admitted("a", "127.0.0.1");
        admitted("a", "127.0.0.2");
        admitted("b", "127.0.0.3");
        assertThat(world.server().openConnections()).isEqualTo(3);
        assertRefused("b", "127.0.0.4", Refusal.SERVER_LIMIT);
        assertRefused("a", "127.0.0.4", Refusal.SERVER_LIMIT);

        partners.remove(firstOnA);
        firstOnA.close();
        Await.until(() -> world.server().openConnections() == 2, "the server-wide slot is given back");
        admitted("b", "127.0.0.4");
        assertRefused("a", "127.0.0.5", Refusal.SERVER_LIMIT);

        for (Socket s : partners) {
            assertWorks(s);
        }
        assertThat(world.stats("a").refused(Refusal.SERVER_LIMIT)).isEqualTo(2);
        assertThat(world.stats("b").refused(Refusal.SERVER_LIMIT)).isEqualTo(1);
        assertThat(world.server().openConnections()).isEqualTo(3);
    }
}
