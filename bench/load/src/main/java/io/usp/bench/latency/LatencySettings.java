package io.usp.bench.latency;

import io.usp.bench.net.Route;
import java.util.Optional;

/**
 * Case 3 (and 4 with a bulk stream): sequential round trips of {@code size} bytes through an
 * echo target; {@code warmup} of them first, not recorded.
 *
 * @param target the echo target, usually through the path under test
 * @param bulk a discard sink (reached through the same path, and the same proxy if any) that one
 *             extra connection pushes to as fast as it can, before and during the measurement
 */
public record LatencySettings(Route target, int size, int count, int warmup, Optional<Route> bulk) {

    public LatencySettings {
        if (size < 1) {
            throw new IllegalArgumentException("latency --size must be at least 1 byte, not " + size);
        }
        if (count < 1) {
            throw new IllegalArgumentException("latency --count must be at least 1, not " + count);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("latency --warmup cannot be negative: " + warmup);
        }
    }
}
