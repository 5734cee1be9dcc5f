package io.usp.server.listener;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.usp.deployments.Deployment;
import io.usp.protocol.relay.Relay;
import io.usp.protocol.target.TargetConnector;
import io.usp.protocol.transport.Transport;
import io.usp.server.limits.ServerLimit;
import io.usp.server.tunnel.TunnelRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the live listeners against the desired deployments: binds new ones, rebinds those
 * whose listener address changed, updates the rest in place, and stops removed ones. Listeners
 * that did not change, and their connections, are left alone.
 */
public final class ListenerManager {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerManager.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ServerLimit serverLimit;
    private final TunnelRegistry tunnels;
    private final TargetConnector connector;
    private final Clock clock;
    private final Map<String, LiveListener> live = new ConcurrentHashMap<>();

    public ListenerManager(EventLoopGroup boss, EventLoopGroup workers, ServerLimit serverLimit,
                           TunnelRegistry tunnels, TargetConnector connector, Clock clock) {
        this.boss = boss;
        this.workers = workers;
        this.serverLimit = serverLimit;
        this.tunnels = tunnels;
        this.connector = connector;
        this.clock = clock;
    }

    /** Applies the desired set; throws if a listener cannot be bound (the others stay applied). */
    public synchronized void apply(List<Deployment> desired) throws InterruptedException {
        Map<String, Deployment> wanted = desired.stream()
                .collect(Collectors.toMap(Deployment::name, d -> d, (a, b) -> b, HashMap::new));
        for (String name : List.copyOf(live.keySet())) {
            Deployment next = wanted.get(name);
            if (next == null || !next.listener().equals(live.get(name).deployment().listener())) {
                stop(name, next == null ? "deployment removed" : "listener address changed");
            }
        }
        for (Deployment d : desired) {
            LiveListener current = live.get(d.name());
            if (current == null) {
                bind(d);
            } else if (!current.deployment().equals(d)) {
                current.update(d);
                LOG.info("listener updated deployment={} (new connections use the new settings)", d.name());
            }
        }
    }

    private void bind(Deployment d) throws InterruptedException {
        LiveListener listener = new LiveListener(d, clock);
        ChannelFuture bound = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transport.serverChannel())
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Transport.SOCKET_BUFFER)
                .childHandler(new PartnerInitializer(listener, serverLimit, tunnels, connector, clock))
                .bind(d.listener().bind(), d.listener().port())
                .await();
        if (!bound.isSuccess()) {
            throw new ListenerBindException(d, bound.cause());
        }
        listener.bound(bound.channel());
        live.put(d.name(), listener);
        LOG.info("listener up deployment={} bind={}:{} target={} via={}", d.name(), d.listener().bind(),
                listener.port(), d.target(), d.client().orElse("direct"));
    }

    private void stop(String name, String why) {
        LiveListener listener = live.remove(name);
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
