package io.usp.server.tunnel;

import io.netty.channel.EventLoop;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live tunnel connections by client name. Several connections per client, from one or more
 * client processes with the same name (HA); streams go to the least-loaded one.
 */
public final class TunnelRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(TunnelRegistry.class);

    private final Map<String, List<TunnelConnection>> byClient = new ConcurrentHashMap<>();
    private final List<Consumer<TunnelConnection>> onUp = new CopyOnWriteArrayList<>();
    private final List<Runnable> onChange = new CopyOnWriteArrayList<>();

    /** Told of each tunnel connection that comes up. */
    public void onUp(Consumer<TunnelConnection> listener) {
        onUp.add(listener);
    }

    /** Told after a tunnel connection came up or went down. */
    public void onChange(Runnable listener) {
        onChange.add(listener);
    }

    void add(TunnelConnection connection) {
        List<TunnelConnection> list = byClient.computeIfAbsent(connection.client(), c -> new CopyOnWriteArrayList<>());
        list.add(connection);
        LOG.info("tunnel up client={} from={} connections={}", connection.client(), connection.remoteAddress(),
                list.size());
        connection.channel().closeFuture().addListener(f -> remove(connection));
        onUp.forEach(l -> l.accept(connection));
        onChange.forEach(Runnable::run);
    }

    private void remove(TunnelConnection connection) {
        List<TunnelConnection> list = byClient.get(connection.client());
        if (list != null && list.remove(connection)) {
            LOG.info("tunnel down client={} from={} connections={}", connection.client(),
                    connection.remoteAddress(), list.size());
            onChange.forEach(Runnable::run);
        }
    }

    /**
     * The connection of {@code client} carrying the fewest streams, if any is up and answering its
     * PINGs; among equally loaded ones, one served by {@code partnerLoop}, which saves a thread
     * hand-off per read.
     */
    public Optional<TunnelConnection> pick(String client, EventLoop partnerLoop) {
        return connections(client).stream()
                .filter(TunnelConnection::isAnswering)
                .min(Comparator.comparingInt(TunnelConnection::streams)
                        .thenComparing(c -> c.eventLoop() != partnerLoop));
    }

    public List<TunnelConnection> connections(String client) {
        return List.copyOf(byClient.getOrDefault(client, List.of()));
    }

    public List<TunnelConnection> all() {
        return byClient.values().stream().flatMap(List::stream).toList();
    }
}
