package io.usp.bench.latency;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.usp.bench.report.Json;
import java.util.Arrays;

/**
 * Round-trip times in microseconds (nearest-rank percentiles) and, in case 4, the bulk stream's
 * throughput over the same time; without one, {@code bulkGbits} is null and left out of the JSON.
 */
public record LatencyResult(double p50Us, double p99Us, double p999Us, double maxUs, double meanUs, int count,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Double bulkGbits) {

    public static LatencyResult of(long[] nanos, Double bulkGbits) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencyResult(us(percentile(sorted, 0.50)), us(percentile(sorted, 0.99)),
                us(percentile(sorted, 0.999)), us(sorted[sorted.length - 1]),
                Json.round(Arrays.stream(sorted).average().orElse(0) / 1000.0, 1), sorted.length, bulkGbits);
    }

    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double us(long nanos) {
        return Json.round(nanos / 1000.0, 1);
    }
}
