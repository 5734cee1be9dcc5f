package io.usp.bench.push;

import io.usp.bench.net.Endpoint;
import java.time.Duration;
import java.util.List;

/**
 * Case 7: push up to {@code bytes} at a slow reader through the path for at most {@code duration},
 * sampling the memory of {@code pids} (the relay's processes) once a second.
 */
public record PushSettings(Endpoint target, long bytes, Duration duration, List<Long> pids) {

    public PushSettings {
        if (bytes < 1) {
            throw new IllegalArgumentException("push --bytes must be at least 1, not " + bytes);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("push --seconds must be positive, not " + duration.toSeconds());
        }
        pids = List.copyOf(pids);
    }
}
