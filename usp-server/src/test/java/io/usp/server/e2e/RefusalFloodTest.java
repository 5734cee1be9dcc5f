package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Cidr;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import io.usp.server.config.HistoryConfig;
import io.usp.server.dispatch.Refusal;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A flood of refused connections costs bounded disk: the refusals of one address are summed into
 * a log line and a history row per interval (with their count), and the history keeps at most
 * history.maxRows rows. Another deployment's partners are relayed byte-exact meanwhile.
 */
class RefusalFloodTest extends WithConnectionLog {

    private static final int FLOOD = 3_000;
    private static final Pattern COUNT = Pattern.compile(" count=(\\d+) ");

    /** "blocked" refuses {@code blocked}; "open" admits everyone; both direct to one echo target. */
    private void start(HistoryConfig history, String blocked) throws Exception {
        int target = targets.start(Targets::echo);
        IpFilter refusing = new IpFilter(List.of(Cidr.parse(blocked)), List.of(), FilterAction.ALLOW);
        world.history(history);
        world.startServer(List.of(World.deployment("blocked", Optional.empty(), target, refusing, Limits.NONE),
                World.deployment("open", Optional.empty(), target, IpFilter.ALLOW_ALL, Limits.NONE)));
    }

    @Test
    void thousandsOfRefusalsFromOneAddressAreOneLineAndOneRowWithTheirCount() throws Exception {
        // an interval longer than the test: the timer never runs, so the lines are exactly two
        start(HistoryConfig.DEFAULTS.withRefusalInterval(Duration.ofHours(1)), "127.0.0.2");
        int blocked = world.port("blocked");
        int open = world.port("open");

        List<Future<?>> flood = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            flood.add(pool.submit(() -> {
                for (int i = 0; i < FLOOD / 6; i++) {
                    try (Socket s = Partner.connect(blocked, "127.0.0.2")) {
                        assertThat(Partner.closedByServer(s)).isTrue();
                    }
                }
                return null;
            }));
        }
        List<Future<Boolean>> transfers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long seed = i;
            transfers.add(pool.submit(() -> Partner.echoesExactly(open, "127.0.0.1", 2 << 20, seed, pool)));
        }
        for (Future<?> f : flood) {
            f.get();
        }
        for (Future<Boolean> t : transfers) {
            assertThat(t.get()).as("a transfer through the other deployment during the flood").isTrue();
        }
        Await.until(() -> world.stats("blocked").refused(Refusal.IP_FILTER) == FLOOD, "every refusal counted");

        world.server().refusals().flush();
        world.server().history().flush();

        List<String> lines = log.lines().stream().filter(l -> l.startsWith("refused deployment=blocked ")).toList();
        assertThat(lines).as("the first refusal at once, the rest summed").hasSize(2);
        assertThat(lines.get(0)).contains("partner=127.0.0.2:", "reason=ip-filter").doesNotContain("count=");
        assertThat(lines.get(1)).contains("partner=127.0.0.2 ", "reason=ip-filter", "count=" + (FLOOD - 1) + " ",
                "block rule 127.0.0.2/32");
        assertThat(lines.stream().mapToLong(RefusalFloodTest::count).sum()).isEqualTo(FLOOD);

        List<ConnectionRecord> rows = world.server().database().history().recent(1000, Optional.of("blocked"));
        assertThat(rows).extracting(ConnectionRecord::connections).containsExactly((long) FLOOD - 1, 1L);
        assertThat(rows.get(0).partner()).isEqualTo("127.0.0.2");
        assertThat(rows).extracting(ConnectionRecord::outcome).containsOnly("ip-filter");
        assertThat(world.server().database().history().recent(1000, Optional.of("open")))
                .extracting(ConnectionRecord::outcome).containsExactly("closed", "closed", "closed");

        world.server().refusals().flush();
        try (Socket s = Partner.connect(blocked, "127.0.0.2")) {
            assertThat(Partner.closedByServer(s)).isTrue();
        }
        Await.until(() -> log.count("refused deployment=blocked ") == 3,
                "after an interval without refusals, the next one is logged at once");
    }

    @Test
    void theHistoryKeepsOnlyItsNewestRowsUpToMaxRows() throws Exception {
        start(new HistoryConfig(Duration.ofDays(30), 100, Duration.ofHours(1)), "127.0.1.0/24");
        int blocked = world.port("blocked");

        for (int i = 1; i <= 150; i++) { // 150 addresses: 150 runs, 150 rows
            try (Socket s = Partner.connect(blocked, "127.0.1." + i)) {
                assertThat(Partner.closedByServer(s)).isTrue();
            }
        }
        Await.until(() -> world.stats("blocked").refused(Refusal.IP_FILTER) == 150, "every refusal counted");
        world.server().history().flush();
        assertThat(world.server().database().history().recent(1000, Optional.empty())).hasSize(150);

        world.server().history().prune();

        List<ConnectionRecord> kept = world.server().database().history().recent(1000, Optional.empty());
        assertThat(kept).hasSize(100);
        assertThat(kept.get(0).partner()).startsWith("127.0.1.150:");
        assertThat(kept.get(99).partner()).startsWith("127.0.1.51:");
    }

    /** The connections a refused line stands for: its count, or 1 for a line without one. */
    private static long count(String line) {
        Matcher m = COUNT.matcher(line);
        return m.find() ? Long.parseLong(m.group(1)) : 1;
    }
}
