package io.usp.server.limits;

import io.usp.deployments.Limits;
import io.usp.server.dispatch.Refusal;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One listener's caps: open connections, open connections per partner IP, and new connections
 * per second per partner IP (a token bucket: a burst of N, refilled at N per second). The limits
 * can be replaced while connections are open; counts carry over.
 */
public final class ListenerLimits {

    private final Clock clock;
    private final Map<InetAddress, PartnerCount> partners = new HashMap<>();
    private volatile Limits limits;
    private int open;

    public ListenerLimits(Limits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    public void update(Limits newLimits) {
        this.limits = newLimits;
    }

    /** Takes a slot for one new connection, or says which limit refuses it. */
    synchronized Optional<Refusal> tryAcquire(InetAddress partner) {
        Limits l = limits;
        if (over(open, l.maxConnections())) {
            return Optional.of(Refusal.LISTENER_LIMIT);
        }
        PartnerCount count = partners.computeIfAbsent(partner, p -> new PartnerCount(clock.millis()));
        if (over(count.open, l.maxConnectionsPerIp())) {
            return Optional.of(Refusal.IP_LIMIT);
        }
        if (l.newConnectionsPerSecondPerIp().isPresent()
                && !count.takeToken(l.newConnectionsPerSecondPerIp().getAsInt(), clock.millis())) {
            forgetIfIdle(partner, count);
            return Optional.of(Refusal.IP_RATE);
        }
        open++;
        count.open++;
        return Optional.empty();
    }

    synchronized void release(InetAddress partner) {
        open--;
        PartnerCount count = partners.get(partner);
        if (count != null) {
            count.open--;
            forgetIfIdle(partner, count);
        }
    }

    public synchronized int open() {
        return open;
    }

    private void forgetIfIdle(InetAddress partner, PartnerCount count) {
        OptionalInt rate = limits.newConnectionsPerSecondPerIp();
        if (count.open == 0 && (rate.isEmpty() || count.refilled(rate.getAsInt(), clock.millis()))) {
            partners.remove(partner);
        }
    }

    private static boolean over(int current, OptionalInt max) {
        return max.isPresent() && current >= max.getAsInt();
    }

    /** Open connections and rate tokens of one partner address. */
    private static final class PartnerCount {
        int open;
        double tokens = -1; // full on first use
        long lastMillis;

        PartnerCount(long now) {
            this.lastMillis = now;
        }

        boolean takeToken(int perSecond, long now) {
            refill(perSecond, now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        boolean refilled(int perSecond, long now) {
            refill(perSecond, now);
            return tokens >= perSecond;
        }

        private void refill(int perSecond, long now) {
            if (tokens < 0) {
                tokens = perSecond;
            } else {
                tokens = Math.min(perSecond, tokens + (now - lastMillis) * perSecond / 1000.0);
            }
            lastMillis = now;
        }
    }
}
