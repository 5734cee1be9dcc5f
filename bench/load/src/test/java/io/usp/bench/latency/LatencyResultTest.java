package io.usp.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.bench.report.Json;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyResultTest {

    @Test
    void takesNearestRankPercentilesInMicroseconds() {
        long[] nanos = LongStream.rangeClosed(1, 1000).map(i -> i * 1000).toArray(); // 1..1000 µs
        LatencyResult result = LatencyResult.of(nanos, null);
        assertThat(result.p50Us()).isEqualTo(500.0);
        assertThat(result.p99Us()).isEqualTo(990.0);
        assertThat(result.p999Us()).isEqualTo(999.0);
        assertThat(result.maxUs()).isEqualTo(1000.0);
        assertThat(result.meanUs()).isEqualTo(500.5);
        assertThat(result.count()).isEqualTo(1000);
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencyResult result = LatencyResult.of(new long[] {2500}, 1.5);
        assertThat(result.p50Us()).isEqualTo(2.5);
        assertThat(result.p999Us()).isEqualTo(2.5);
        assertThat(result.bulkGbits()).isEqualTo(1.5);
    }

    @Test
    void leavesBulkOutOfTheJsonWithoutABulkStream() {
        assertThat(Json.line(LatencyResult.of(new long[] {1000}, null)))
                .isEqualTo("{\"p50_us\":1.0,\"p99_us\":1.0,\"p999_us\":1.0,\"max_us\":1.0,\"mean_us\":1.0,\"count\":1}");
        assertThat(Json.line(LatencyResult.of(new long[] {1000}, 2.5))).endsWith(",\"count\":1,\"bulk_gbits\":2.5}");
    }
}
