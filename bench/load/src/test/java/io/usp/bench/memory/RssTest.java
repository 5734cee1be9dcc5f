package io.usp.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RssTest {

    @Test
    void readsTheSameOpenFileAgainAndAgain() {
        long pid = ProcessHandle.current().pid();
        try (Rss rss = new Rss(List.of(pid))) {
            long first = rss.kb().get(Long.toString(pid));
            long[] ballast = new long[32 << 20]; // 256 MB, touched so that it is resident
            java.util.Arrays.fill(ballast, 1);
            long second = rss.kb().get(Long.toString(pid));
            assertThat(first).isPositive();
            assertThat(second).isGreaterThan(first + 100_000); // a stale read would repeat the first
            assertThat(ballast[ballast.length - 1]).isEqualTo(1);
        }
    }

    @Test
    void namesAProcessThatDoesNotExist() {
        assertThatThrownBy(() -> new Rss(List.of(Long.MAX_VALUE))).hasMessageContaining("no process");
    }

    @Test
    void seriesKeepFirstMaxAndLast() {
        RssSeries series = RssSeries.of(100).add(180).add(150);
        assertThat(series).isEqualTo(new RssSeries(100, 180, 150));
        assertThat(series.growth()).isEqualTo(80);
    }
}
