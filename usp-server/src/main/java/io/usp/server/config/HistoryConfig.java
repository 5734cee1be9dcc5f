package io.usp.server.config;

import java.time.Duration;

/**
 * The {@code history:} section: how much connection history the database keeps, and how refusals
 * are summed so that a flood of refused partners costs a bounded amount of log and disk.
 *
 * @param retention       rows older than this are deleted
 * @param maxRows         at most this many rows are kept; the oldest go first
 * @param refusalInterval refusals of one deployment, partner address and reason after the first
 *                        are summed over this interval into one log line and one row
 */
public record HistoryConfig(Duration retention, int maxRows, Duration refusalInterval) {

    public static final int MIN_ROWS = 100;
    public static final Duration MAX_REFUSAL_INTERVAL = Duration.ofHours(1);
    /** Every default of the {@code history:} section, in one place. */
    public static final HistoryConfig DEFAULTS = new HistoryConfig(Duration.ofDays(30), 500_000, Duration.ofMinutes(1));

    public HistoryConfig {
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("history.retention must be positive");
        }
        if (maxRows < MIN_ROWS) {
            throw new IllegalArgumentException("history.maxRows must be at least " + MIN_ROWS + ", got " + maxRows);
        }
        if (refusalInterval == null || refusalInterval.toMillis() < 1
                || refusalInterval.compareTo(MAX_REFUSAL_INTERVAL) > 0) {
            throw new IllegalArgumentException("history.refusalInterval must be between 1ms and 1h, got "
                    + refusalInterval);
        }
    }

    public HistoryConfig withRefusalInterval(Duration interval) {
        return new HistoryConfig(retention, maxRows, interval);
    }
}
