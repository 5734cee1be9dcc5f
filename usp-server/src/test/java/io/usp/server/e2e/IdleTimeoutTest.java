package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Deployment;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deployment's idle timeout: a connection with no bytes either way for that long is closed on
 * both sides and logged with reason "idle timeout". Deadlines are generous; nothing here asserts
 * how quickly it happens.
 */
class IdleTimeoutTest {

    private static final Duration IDLE = Duration.ofSeconds(1);

    @TempDir
    Path dir;
    World world;
    Targets targets;
    LogLines log;
    LogLines uncaught;
    /** Counted down when a target's connection ends (EOF or reset from the relay). */
    final CountDownLatch targetEnded = new CountDownLatch(1);

    @BeforeEach
    void setUp() {
        world = new World(dir);
        targets = new Targets();
        log = LogLines.connections();
        uncaught = LogLines.uncaughtInPipelines();
    }

    @AfterEach
    void tearDown() throws Exception {
        assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
        uncaught.close();
        log.close();
        world.close();
        targets.close();
    }

    private static Deployment idling(String name, Optional<String> client, int targetPort) {
        return new Deployment(name, new Listener("127.0.0.1", 0), IpFilter.ALLOW_ALL, Limits.NONE,
                new Target("127.0.0.1", targetPort), client, IDLE);
    }

    /** An echo target that reports when its connection ends. */
    private int echoTarget() throws IOException {
        return targets.start(s -> {
            try {
                Targets.echo(s);
            } finally {
                targetEnded.countDown();
            }
        });
    }

    private void startTunnelled(Deployment d) throws Exception {
        world.startServer(List.of(d));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
    }

    /** The partner's next read ends (EOF or reset), and the server logs why for this partner. */
    private void assertClosedForIdleness(Socket s, String deployment) throws Exception {
        assertThat(Partner.closedByServer(s)).as("the idle partner is closed").isTrue();
        String partner = "partner=127.0.0.1:" + s.getLocalPort() + " ";
        Await.until(() -> log.any("closed deployment=" + deployment + " ", partner, "reason=\"idle timeout\""),
                "the close is logged with reason idle timeout");
        Await.until(() -> world.stats(deployment).relayed() == 1, "the relay is counted closed");
        Await.until(() -> world.server().openConnections() == 0, "the partner's slot is given back");
    }

    @Test
    void idleTunnelledConnectionIsClosedOnBothSides() throws Exception {
        startTunnelled(idling("idle", Optional.of("agent-a"), echoTarget()));

        try (Socket s = Partner.connect(world.port("idle"))) {
            byte[] hello = "hello, then silence".getBytes();
            assertThat(Partner.roundTrip(s, hello)).isEqualTo(hello);

            assertClosedForIdleness(s, "idle");
        }
        assertThat(targetEnded.await(20, TimeUnit.SECONDS)).as("the target's connection ended too").isTrue();
        assertThat(world.server().tunnels().connections("agent-a")).as("the tunnel outlives the stream").hasSize(2);
    }

    @Test
    void idleDirectConnectionIsClosedOnBothSides() throws Exception {
        world.startServer(List.of(idling("idle-direct", Optional.empty(), echoTarget())));

        try (Socket s = Partner.connect(world.port("idle-direct"))) {
            byte[] hello = "direct, then silence".getBytes();
            assertThat(Partner.roundTrip(s, hello)).isEqualTo(hello);

            assertClosedForIdleness(s, "idle-direct");
        }
        assertThat(targetEnded.await(20, TimeUnit.SECONDS)).as("the target's connection ended too").isTrue();
    }

    /** Bytes towards the partner count as activity: a partner that only listens is not idle. */
    @Test
    void partnerThatOnlyReceivesIsNotIdle() throws Exception {
        int drips = 30; // one every 100 ms: three idle timeouts' worth, never a full one without a byte
        int target = targets.start(s -> {
            OutputStream out = s.getOutputStream();
            for (int i = 0; i < drips; i++) {
                out.write(i);
                out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
            s.getInputStream().read(); // then silence until the relay ends it
        });
        startTunnelled(idling("drip", Optional.of("agent-a"), target));

        try (Socket s = Partner.connect(world.port("drip"))) {
            byte[] got = s.getInputStream().readNBytes(drips);
            assertThat(got).as("every drip arrived before any idle close").hasSize(drips);
            for (int i = 0; i < drips; i++) {
                assertThat(got[i]).isEqualTo((byte) i);
            }

            assertClosedForIdleness(s, "drip");
        }
        assertThat(log.any("deployment=drip", "bytesDown=" + drips + " ")).isTrue();
    }
}
