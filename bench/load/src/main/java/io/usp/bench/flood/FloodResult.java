package io.usp.bench.flood;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.usp.bench.latency.LatencyResult;

/**
 * The round trips on the other deployment while the flood ran (p50_us, p99_us, max_us, …, count),
 * and the flood itself: connects the server closed, per second of the flood, and the ones that
 * failed (refused, timed out, or not closed by the server within {@value Flooder#CLOSE_TIMEOUT_SECONDS} s).
 */
public record FloodResult(@JsonUnwrapped LatencyResult roundTrips, double floodSeconds, long connects,
                          double connectsPerSecond, long errors, String firstError) {
}
