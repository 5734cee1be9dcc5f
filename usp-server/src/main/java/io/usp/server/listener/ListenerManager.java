package io.usp.server.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.usp.deployments.Deployment;
import io.usp.deployments.ReservedPorts;
import io.usp.protocol.relay.Relay;
import io.usp.protocol.transport.Transport;
import io.usp.server.dispatch.PartnerServices;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the live listeners against the desired deployments: binds new ones, rebinds those
 * whose listener address changed, updates the rest in place, and stops removed ones. Listeners
 * that did not change, and their connections, are left alone. A listener that cannot be bound is
 * remembered as failed (with why) and tried again at the next apply; one on a port the server
 * needs itself is not bound at all, so a stored deployment can never keep the server from starting.
 */
public final class ListenerManager {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerManager.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final PartnerServices services;
    private final ReservedPorts reserved;
    private final Map<String, LiveListener> live = new ConcurrentHashMap<>();
    private final Map<String, ListenerBindException> failed = new ConcurrentHashMap<>();
    private final Map<String, ListenerStats> stats = new ConcurrentHashMap<>();
    private final List<ListenerEvents> events = new CopyOnWriteArrayList<>();

    public ListenerManager(EventLoopGroup boss, EventLoopGroup workers, PartnerServices services,
                           ReservedPorts reserved) {
        this.boss = boss;
        this.workers = workers;
        this.services = services;
        this.reserved = reserved;
    }

    /** Told when a listener comes up or goes down (metrics). */
    public void addEvents(ListenerEvents listener) {
        events.add(listener);
    }

    /**
     * Applies the desired set, the listeners that should run; {@code whyStopped} gives, by
     * deployment name, the reason logged for one that stops (e.g. "deployment removed"). Bind
     * failures are kept, see {@link #failure}.
     */
    public synchronized void apply(List<Deployment> desired, Function<String, String> whyStopped) {
        Map<String, Deployment> wanted = desired.stream()
                .collect(Collectors.toMap(Deployment::name, d -> d, (a, b) -> b, HashMap::new));
        failed.keySet().retainAll(wanted.keySet());
        for (String name : List.copyOf(live.keySet())) {
            Deployment next = wanted.get(name);
            if (next == null || !next.listener().equals(live.get(name).deployment().listener())) {
                stop(name, next == null ? whyStopped.apply(name) : "listener address changed");
            }
        }
        for (Deployment d : desired) {
            LiveListener current = live.get(d.name());
            if (current == null) {
                tryBind(d);
            } else if (!current.deployment().equals(d)) {
                try {
                    current.update(d);
                    failed.remove(d.name());
                    LOG.info("listener updated deployment={} (new connections use the new settings)", d.name());
                } catch (IllegalStateException e) {
                    remember(ListenerBindException.notUpdated(d, e.getMessage()));
                }
            }
        }
    }

    /** A deployment's counters since the server started; they outlive stops and restarts of its listener. */
    public ListenerStats stats(String deployment) {
        return stats.computeIfAbsent(deployment, n -> {
            ListenerStats created = new ListenerStats();
            events.forEach(e -> e.counting(n, created));
            return created;
        });
    }

    /** Forgets the counters of deployments that no longer exist. */
    public void retainStats(Set<String> deployments) {
        for (String gone : List.copyOf(stats.keySet())) {
            if (!deployments.contains(gone)) {
                stats.remove(gone);
                events.forEach(e -> e.forgotten(gone));
            }
        }
    }

    /** Why the deployment's listener could not be bound at the last apply, if it could not. */
    public Optional<ListenerBindException> failure(String deployment) {
        return Optional.ofNullable(failed.get(deployment));
    }

    private void tryBind(Deployment d) {
        try {
            bind(d);
            failed.remove(d.name());
        } catch (ListenerBindException e) {
            remember(e);
        }
    }

    /** Keeps a deployment's failure for its page, logged when it is new. */
    private void remember(ListenerBindException e) {
        ListenerBindException before = failed.put(e.deployment(), e);
        if (before == null || !before.getMessage().equals(e.getMessage())) {
            LOG.warn("listener failed {} (tried again every second)", e.getMessage());
        }
    }

    private void bind(Deployment d) {
        Optional<String> refusal = reserved.refusal(d.listener());
        if (refusal.isPresent()) { // the store refuses such a deployment; one stored before that is left unbound
            throw new ListenerBindException(d, refusal.get());
        }
        LiveListener listener = new LiveListener(d, stats(d.name()), services.clock());
        try {
            listener.prepare(d);
        } catch (IllegalStateException e) {
            throw new ListenerBindException(d, e.getMessage());
        }
        ChannelFuture bound = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transport.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.SOCKET_BUFFER)
                .childHandler(new PartnerInitializer(listener, services))
                .bind(d.listener().bind(), d.listener().port())
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new ListenerBindException(d, bound.cause());
        }
        listener.bound(bound.channel());
        live.put(d.name(), listener);
        events.forEach(e -> e.up(listener));
        LOG.info("listener up deployment={} bind={}:{} mode={} route=\"{}\"", d.name(), d.listener().bind(),
                listener.port(), d.route().mode().label(), d.route().summary());
    }

    private void stop(String name, String why) {
        LiveListener listener = live.remove(name);
        events.forEach(e -> e.down(listener));
        listener.channel().close().syncUninterruptibly();
        int open = listener.partners().size();
        listener.partners().forEach(p -> p.pipeline().fireUserEventTriggered(new Relay.AbortRequest(why)));
        listener.partners().close();
        LOG.info("listener down deployment={} reason=\"{}\" closedConnections={}", name, why, open);
    }

    public Optional<LiveListener> get(String deployment) {
        return Optional.ofNullable(live.get(deployment));
    }

    public Collection<LiveListener> all() {
        return List.copyOf(live.values());
    }

    /** Unbinds every listener; connections already open go on until {@link #stopAll}. */
    public synchronized void stopAccepting() {
        live.values().forEach(l -> l.channel().close().syncUninterruptibly());
    }

    public synchronized void stopAll(String why) {
        for (String name : List.copyOf(live.keySet())) {
            stop(name, why);
        }
    }
}
