package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.server.config.ServerConfig;
import io.usp.server.dispatch.Refusal;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of connections from one address (127.0.0.2) is held to the deployment's per-address
 * limits while another address (127.0.0.1) keeps getting through, byte-exact. The clock stands
 * still, so the rate budget is exact. (Each limit at its edge: LimitsTest.)
 */
class FloodTest {

    private static final int FLOOD = 500;

    @TempDir
    Path dir;
    World world;
    Targets targets;
    LogLines uncaught;
    final ExecutorService pool = Executors.newCachedThreadPool();
    final List<Socket> flood = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() {
        world = new World(dir);
        targets = new Targets();
        uncaught = LogLines.uncaughtInPipelines();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : flood) {
            s.close();
        }
        pool.shutdownNow();
        assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
        uncaught.close();
        world.close();
        targets.close();
    }

    private void start(Limits limits) throws Exception {
        int target = targets.start(Targets::echo);
        world.startServer(List.of(World.deployment("flood", Optional.of("agent-a"), target, IpFilter.ALLOW_ALL,
                limits)), new MutableClock(Instant.parse("2030-01-01T00:00:00Z")), ServerConfig.DEFAULT_MAX_CONNECTIONS);
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
    }

    @Test
    void aFloodOfHeldConnectionsGetsOnlyItsPerAddressShare() throws Exception {
        start(new Limits(OptionalInt.empty(), OptionalInt.of(10), OptionalInt.of(50)));
        int port = world.port("flood");

        Future<?> flooding = floodFrom("127.0.0.2", port, false);
        List<Future<Boolean>> others = transfersFrom("127.0.0.1", port, 3);
        flooding.get();
        for (Future<Boolean> t : others) {
            assertThat(t.get()).as("a transfer from 127.0.0.1 during the flood").isTrue();
        }

        Await.until(() -> world.stats("flood").refused(Refusal.IP_LIMIT) == FLOOD - 10,
                "all but 10 of the flood refused by maxConnectionsPerIp");
        Await.until(() -> Partner.closedCount(flood, 5) == FLOOD - 10, "the refused ones are closed");
        assertThat(world.open("flood")).as("the 10 admitted ones are still open").isEqualTo(10);
        assertThat(world.stats("flood").refused(Refusal.IP_RATE)).isZero();
        assertThat(transfersFrom("127.0.0.1", port, 1).get(0).get()).as("127.0.0.1 after the flood").isTrue();
    }

    @Test
    void aFloodOfQuickConnectsIsHeldToItsRateWhileAnotherAddressGetsThrough() throws Exception {
        start(new Limits(OptionalInt.empty(), OptionalInt.of(400), OptionalInt.of(20)));
        int port = world.port("flood");

        Future<?> flooding = floodFrom("127.0.0.2", port, true);
        List<Future<Boolean>> others = transfersFrom("127.0.0.1", port, 3);
        flooding.get();
        for (Future<Boolean> t : others) {
            assertThat(t.get()).as("a transfer from 127.0.0.1 during the flood").isTrue();
        }

        Await.until(() -> world.stats("flood").refused(Refusal.IP_RATE) == FLOOD - 20,
                "all but 20 of the flood refused by newConnectionsPerSecondPerIp");
        Await.until(() -> world.stats("flood").accepted() == 20 + 3, "20 from the flood and 3 transfers admitted");
        assertThat(world.stats("flood").refused(Refusal.IP_LIMIT)).isZero();
    }

    /** {@value #FLOOD} connects from {@code source} on 10 threads; kept open, or closed at once when {@code quick}. */
    private Future<?> floodFrom(String source, int port, boolean quick) {
        return pool.submit(() -> {
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < 10; t++) {
                threads.add(pool.submit(() -> {
                    for (int i = 0; i < FLOOD / 10; i++) {
                        Socket s = Partner.connect(port, source);
                        if (quick) {
                            s.close();
                        } else {
                            flood.add(s);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : threads) {
                f.get();
            }
            return null;
        });
    }

    /** {@code count} echo transfers of 4 MiB from {@code source}, in parallel; each true when byte-exact. */
    private List<Future<Boolean>> transfersFrom(String source, int port, int count) {
        List<Future<Boolean>> transfers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long seed = i;
            transfers.add(pool.submit(() -> Partner.echoesExactly(port, source, 4 << 20, seed, pool)));
        }
        return transfers;
    }


}
