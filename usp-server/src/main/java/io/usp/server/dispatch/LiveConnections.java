package io.usp.server.dispatch;

import io.netty.channel.Channel;
import io.usp.protocol.relay.ByteCounts;
import io.usp.protocol.relay.Relay;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The partner connections being relayed now, by id, so admins can see and close them. */
public final class LiveConnections {

    /** One connection; its relay (or FTP session) is read for bytes so far. */
    public record Entry(long id, String deployment, String partner, String target, String via, Instant openedAt,
                        Channel channel, ByteCounts counts) {

        public long bytesFromPartner() {
            return counts == null ? 0 : counts.bytesFromFirst();
        }

        public long bytesToPartner() {
            return counts == null ? 0 : counts.bytesFromSecond();
        }
    }

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Entry> open = new ConcurrentHashMap<>();

    /** Registers a connection about to be relayed; returns its id. */
    long add(String deployment, String partner, String target, String via, Instant openedAt, Channel channel) {
        long id = ids.incrementAndGet();
        open.put(id, new Entry(id, deployment, partner, target, via, openedAt, channel, null));
        return id;
    }

    /** Adds what counts the connection's bytes unless the connection already ended. */
    void attach(long id, ByteCounts counts) {
        open.computeIfPresent(id, (k, e) -> new Entry(e.id(), e.deployment(), e.partner(), e.target(), e.via(),
                e.openedAt(), e.channel(), counts));
    }

    void remove(long id) {
        open.remove(id);
    }

    /** Oldest first. */
    public List<Entry> all() {
        return open.values().stream().sorted(Comparator.comparingLong(Entry::id)).toList();
    }

    public Optional<Entry> get(long id) {
        return Optional.ofNullable(open.get(id));
    }

    /** Aborts the relay of one connection with {@code reason} in its log line; false when it is not open. */
    public boolean close(long id, String reason) {
        Entry entry = open.get(id);
        if (entry == null) {
            return false;
        }
        entry.channel().pipeline().fireUserEventTriggered(new Relay.AbortRequest(reason));
        return true;
    }
}
