package io.usp.server.listener;

import io.usp.server.dispatch.Refusal;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one listener: partners accepted, refused by reason, relays closed, bytes each way. */
public final class ListenerStats {

    private final LongAdder accepted = new LongAdder();
    private final LongAdder relayed = new LongAdder();
    private final LongAdder bytesFromPartners = new LongAdder();
    private final LongAdder bytesToPartners = new LongAdder();
    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);

    public ListenerStats() {
        for (Refusal r : Refusal.values()) {
            refused.put(r, new LongAdder());
        }
    }

    public void countAccepted() {
        accepted.increment();
    }

    public void countRefused(Refusal reason) {
        refused.get(reason).increment();
    }

    public void relayClosed(long fromPartner, long toPartner) {
        relayed.increment();
        bytesFromPartners.add(fromPartner);
        bytesToPartners.add(toPartner);
    }

    public long accepted() {
        return accepted.sum();
    }

    public long refused(Refusal reason) {
        return refused.get(reason).sum();
    }

    public long relayed() {
        return relayed.sum();
    }

    public long bytesFromPartners() {
        return bytesFromPartners.sum();
    }

    public long bytesToPartners() {
        return bytesToPartners.sum();
    }
}
