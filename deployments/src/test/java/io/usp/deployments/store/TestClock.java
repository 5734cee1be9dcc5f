package io.usp.deployments.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. */
final class TestClock extends Clock {

    /** To the microsecond: what both databases keep of an instant, so a stored one reads back equal. */
    static final Instant START = Instant.parse("2026-03-01T10:00:00.123456Z");

    private Instant now = START;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    synchronized Instant advance(Duration by) {
        now = now.plus(by);
        return now;
    }
}
