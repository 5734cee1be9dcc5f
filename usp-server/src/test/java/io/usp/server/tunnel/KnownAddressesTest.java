package io.usp.server.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.server.e2e.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Which addresses count as known, and the share of handshake slots kept for them. */
class KnownAddressesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final KnownAddresses known = new KnownAddresses(clock);

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void anAddressIsKnownWhileItsTunnelLastsAndForSevenDaysAfter() throws Exception {
        InetAddress client = address("192.0.2.10");
        assertThat(known.knows(client)).isFalse();
        known.up(client);
        clock.advance(Duration.ofDays(30));
        assertThat(known.knows(client)).as("a tunnel up for a month").isTrue();

        known.down(client);
        clock.advance(KnownAddresses.REMEMBERED);
        assertThat(known.knows(client)).as("seven days after it went down").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(known.knows(client)).isFalse();
        assertThat(known.knows(address("192.0.2.11"))).isFalse();
    }

    @Test
    void aQuarterOfTheSlotsIsKeptForKnownAddresses() throws Exception {
        InetAddress client = address("192.0.2.10");
        known.up(client);
        HandshakeLimits limits = new HandshakeLimits(8, 2, known::knows);
        for (int host = 1; host <= 3; host++) {
            assertThat(limits.tryAcquire(address("198.51.100." + host))).isEmpty();
            assertThat(limits.tryAcquire(address("198.51.100." + host))).isEmpty();
        }
        assertThat(limits.tryAcquire(address("198.51.100.4"))).as("6 of 8 slots for unknown addresses")
                .contains(HandshakeLimits.Cap.SERVER);
        assertThat(limits.inProgress()).isEqualTo(6);

        assertThat(limits.tryAcquire(client)).isEmpty();
        assertThat(limits.tryAcquire(client)).isEmpty();
        assertThat(limits.tryAcquire(client)).as("all 8 taken").contains(HandshakeLimits.Cap.SERVER);
        limits.release(address("198.51.100.1"));
        assertThat(limits.tryAcquire(client)).as("the per-address cap still holds for a known address")
                .contains(HandshakeLimits.Cap.ADDRESS);
        assertThat(limits.refused(HandshakeLimits.Cap.SERVER)).isEqualTo(2);
        assertThat(HandshakeLimits.reserved(3)).as("too few slots to keep any").isZero();
    }
}
