package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Cidr;
import io.usp.deployments.Deployment;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.server.dispatch.Refusal;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IP filter on real partner addresses (127.0.0.x sources): block rules, then allow rules,
 * then the default action. A refused partner is closed without a byte, counted and logged, and
 * its target never sees it; admitted partners from other addresses keep working.
 */
class IpFilterTest {

    @TempDir
    Path dir;
    World world;
    Targets targets;
    LogLines log;
    LogLines uncaught;
    final AtomicInteger targetAccepts = new AtomicInteger();

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

    /** A tunnelled echo deployment named "filtered" behind {@code filter}; returns its port. */
    private int filtered(IpFilter filter) throws Exception {
        int target = targets.start(Targets.counting(targetAccepts, Targets::echo));
        Deployment d = World.deployment("filtered", Optional.of("agent-a"), target, filter, Limits.NONE);
        world.startServer(List.of(d));
        world.startClient("agent-a", World.allowLoopback());
        world.awaitTunnels("agent-a", 2);
        return world.port("filtered");
    }

    private static IpFilter filter(List<String> block, List<String> allow, FilterAction defaultAction) {
        return new IpFilter(block.stream().map(Cidr::parse).toList(), allow.stream().map(Cidr::parse).toList(),
                defaultAction);
    }

    private void assertRefused(int port, String source) throws Exception {
        long before = world.stats("filtered").refused(Refusal.IP_FILTER);
        try (Socket s = Partner.connect(port, source)) {
            assertThat(Partner.closedByServer(s)).as("%s is closed without a byte", source).isTrue();
        }
        Await.until(() -> world.stats("filtered").refused(Refusal.IP_FILTER) == before + 1,
                "the refusal of " + source + " is counted");
        Await.until(() -> log.any("refused", "partner=" + source + ":", "reason=ip-filter"),
                "the refusal of " + source + " is logged");
    }

    private static void assertAdmitted(int port, String source) throws Exception {
        byte[] data = ("hello from " + source).getBytes();
        try (Socket s = Partner.connect(port, source)) {
            assertThat(Partner.roundTrip(s, data)).as("%s is relayed to the target", source).isEqualTo(data);
        }
    }

    /** After the admitted partners have round-tripped, the target has seen exactly them. */
    private void assertTargetSaw(int admitted) {
        assertThat(targetAccepts.get()).as("connections the target accepted").isEqualTo(admitted);
        assertThat(world.stats("filtered").accepted()).as("partners the listener admitted").isEqualTo(admitted);
    }

    @Test
    void blockRuleBeatsAnAllowRuleThatAlsoMatches() throws Exception {
        int port = filtered(filter(List.of("127.0.0.2"), List.of("127.0.0.0/8"), FilterAction.ALLOW));

        assertRefused(port, "127.0.0.2");
        assertAdmitted(port, "127.0.0.3");
        assertAdmitted(port, "127.0.0.1");

        assertTargetSaw(2);
        assertThat(log.any("reason=ip-filter", "block rule 127.0.0.2/32")).isTrue();
    }

    @Test
    void allowRuleBeatsDefaultBlockUpToTheEdgeOfItsCidr() throws Exception {
        int port = filtered(filter(List.of(), List.of("127.0.0.0/29"), FilterAction.BLOCK));

        assertAdmitted(port, "127.0.0.3");
        assertAdmitted(port, "127.0.0.7"); // last address of the /29
        assertRefused(port, "127.0.0.8"); // first address past it: default action
        assertRefused(port, "127.0.1.1");

        assertTargetSaw(2);
        assertThat(log.any("partner=127.0.0.8:", "default action")).isTrue();
    }

    @Test
    void blockCidrCoversExactlyItsRange() throws Exception {
        int port = filtered(filter(List.of("127.0.0.16/28"), List.of(), FilterAction.ALLOW));

        assertRefused(port, "127.0.0.16");
        assertRefused(port, "127.0.0.31");
        assertAdmitted(port, "127.0.0.15");
        assertAdmitted(port, "127.0.0.32");

        assertTargetSaw(2);
        assertThat(world.stats("filtered").refused(Refusal.IP_FILTER)).isEqualTo(2);
    }

    @Test
    void bareAddressIsASingleHost() throws Exception {
        int port = filtered(filter(List.of("127.0.0.2"), List.of(), FilterAction.ALLOW));

        assertRefused(port, "127.0.0.2");
        assertAdmitted(port, "127.0.0.3"); // the neighbours of a /32 are not in it
        assertAdmitted(port, "127.0.0.1");

        assertTargetSaw(2);
    }

    @Test
    void defaultBlockRefusesEveryUnlistedAddress() throws Exception {
        int port = filtered(filter(List.of(), List.of("127.0.0.3"), FilterAction.BLOCK));

        assertRefused(port, "127.0.0.1");
        assertRefused(port, "127.0.0.2");
        assertAdmitted(port, "127.0.0.3");

        assertTargetSaw(1);
    }

    @Test
    void defaultAllowAdmitsEveryUnlistedAddress() throws Exception {
        int port = filtered(filter(List.of("127.0.0.9"), List.of(), FilterAction.ALLOW));

        for (String source : List.of("127.0.0.1", "127.0.0.2", "127.0.0.200", "127.1.2.3")) {
            assertAdmitted(port, source);
        }

        assertTargetSaw(4);
        assertThat(world.stats("filtered").refused(Refusal.IP_FILTER)).isZero();
    }

    @Test
    void refusedPartnerDoesNotDisturbAnAdmittedOneMidConnection() throws Exception {
        int port = filtered(filter(List.of("127.0.0.2"), List.of(), FilterAction.ALLOW));
        byte[] first = Partner.random(64 * 1024, 1);
        byte[] second = Partner.random(64 * 1024, 2);

        try (Socket admitted = Partner.connect(port, "127.0.0.3")) {
            assertThat(Partner.roundTrip(admitted, first)).isEqualTo(first);
            for (int i = 0; i < 5; i++) {
                assertRefused(port, "127.0.0.2");
            }
            assertThat(Partner.roundTrip(admitted, second)).isEqualTo(second);
        }

        assertTargetSaw(1);
    }
}
