package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.AllowList;
import io.usp.deployments.AllowRule;
import io.usp.deployments.Cidr;
import io.usp.deployments.PortRange;
import io.usp.server.dispatch.Refusal;
import java.io.InputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Partners the server admits but cannot connect: no client, a target the client will not reach,
 * a target that refuses. Each is closed promptly, counted and logged, and never disturbs a
 * transfer that is running on the same deployment.
 */
class RefusalTest extends WithConnectionLog {

    private void assertRefused(String deployment, Refusal reason, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            try (Socket s = Partner.connect(world.port(deployment))) {
                assertThat(Partner.closedByServer(s)).as("partner of %s is closed, not left hanging", deployment)
                        .isTrue();
            }
        }
        Await.until(() -> world.stats(deployment).refused(reason) == times,
                deployment + " counts " + times + " refusals as " + reason);
        Await.until(() -> log.any("refused", "deployment=" + deployment + " ", "reason=" + reason.label()),
                deployment + " logs the refusal");
        assertThat(world.stats(deployment).relayed()).isZero();
    }

    @Test
    void noClientConnectedClosesThePartnerAtOnce() throws Exception {
        AtomicInteger accepts = new AtomicInteger();
        int target = targets.start(Targets.counting(accepts, Targets::echo));
        world.startServer(List.of(World.tunnelled("orphan", "agent-gone", target),
                World.tunnelled("served", "agent-a", target)));
        world.startClient("agent-a", World.allowLoopback()); // connected, but not the one "orphan" names
        world.awaitTunnels("agent-a", 2);

        assertRefused("orphan", Refusal.NO_CLIENT, 3);

        assertThat(accepts.get()).isZero();
        assertThat(log.any("deployment=orphan", "client 'agent-gone' has no tunnel connected")).isTrue();
    }

    @Test
    void targetOutsideTheClientsAllowListIsNeverContacted() throws Exception {
        AtomicInteger deniedAccepts = new AtomicInteger();
        int denied = targets.start(Targets.counting(deniedAccepts, Targets::echo));
        int allowed = targets.start(Targets::echo);
        world.startServer(List.of(World.tunnelled("denied", "agent-a", denied),
                World.tunnelled("allowed", "agent-a", allowed)));
        AllowList onlyTheOtherPort = new AllowList(List.of(new AllowRule(List.of(),
                List.of(Cidr.parse("127.0.0.1")), List.of(new PortRange(allowed, allowed)))));
        world.startClient("agent-a", onlyTheOtherPort);
        world.awaitTunnels("agent-a", 2);

        assertRefused("denied", Refusal.NOT_ALLOWED, 3);

        byte[] data = "the same client still reaches what it allows".getBytes();
        try (Socket s = Partner.connect(world.port("allowed"))) {
            assertThat(Partner.roundTrip(s, data)).isEqualTo(data);
        }
        assertThat(deniedAccepts.get()).as("connections the denied target saw").isZero();
    }

    @Test
    void targetRefusingThroughTheTunnelIsTargetRefused() throws Exception {
        world.startServer(List.of(World.tunnelled("nothing-there", "agent-a", targets.refusing())));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);

        assertRefused("nothing-there", Refusal.TARGET_REFUSED, 3);
    }

    @Test
    void targetRefusingADirectDeploymentIsTargetRefused() throws Exception {
        world.startServer(List.of(World.direct("nothing-there", targets.refusing())));

        assertRefused("nothing-there", Refusal.TARGET_REFUSED, 3);
    }

    /**
     * A transfer is half way through when its target stops listening: the partners that come
     * next are refused, and the transfer finishes byte-exact on the same deployment and tunnel.
     */
    @Test
    void refusedPartnersDoNotDisturbATransferOnTheSameDeployment() throws Exception {
        int target = targets.start(Targets::echo);
        world.startServer(List.of(World.tunnelled("echo", "agent-a", target)));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
        byte[] data = Partner.random(32 * 1024 * 1024, 7);
        int half = data.length / 2;
        CountDownLatch refusalsDone = new CountDownLatch(1);
        AtomicLong echoed = new AtomicLong();

        try (Socket transfer = Partner.connect(world.port("echo"))) {
            Future<String> received = pool.submit(() -> readAllCounting(transfer.getInputStream(), echoed));
            Future<?> sent = pool.submit(() -> {
                transfer.getOutputStream().write(data, 0, half);
                assertThat(refusalsDone.await(60, TimeUnit.SECONDS)).isTrue();
                transfer.getOutputStream().write(data, half, data.length - half);
                transfer.shutdownOutput();
                return null;
            });
            Await.until(() -> echoed.get() == half, "the first half came back");

            targets.stop(target);
            List<Future<Boolean>> refused = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                refused.add(pool.submit(() -> {
                    try (Socket s = Partner.connect(world.port("echo"))) {
                        return Partner.closedByServer(s);
                    }
                }));
            }
            for (Future<Boolean> r : refused) {
                assertThat(r.get()).as("a partner arriving after the target stopped is closed").isTrue();
            }
            Await.until(() -> world.stats("echo").refused(Refusal.TARGET_REFUSED) == 20, "20 refusals counted");
            refusalsDone.countDown();

            sent.get();
            assertThat(received.get()).isEqualTo(Partner.sha256(data));
            assertThat(echoed.get()).isEqualTo(data.length);
        }
        Await.until(() -> world.stats("echo").relayed() == 1, "the transfer's relay closed");
        assertThat(world.stats("echo").bytesFromPartners()).isEqualTo(data.length);
        assertThat(world.server().tunnels().connections("agent-a")).hasSize(2);
    }

    /** Reads to EOF; returns the hex SHA-256 and keeps {@code count} up to date as bytes arrive. */
    private static String readAllCounting(InputStream in, AtomicLong count) throws Exception {
        MessageDigest md = Partner.digest();
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf)) != -1) {
            md.update(buf, 0, n);
            count.addAndGet(n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
