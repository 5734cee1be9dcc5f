package io.usp.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.usp.server.dispatch.Refusal;
import io.usp.server.listener.ListenerEvents;
import io.usp.server.listener.ListenerStats;
import io.usp.server.listener.LiveListener;
import io.usp.server.tunnel.HandshakeLimits;
import io.usp.server.tunnel.TunnelConnection;
import io.usp.server.tunnel.TunnelRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The server's meters, scraped at {@code /metrics} (Prometheus names in brackets):
 * connections accepted [usp_connections_accepted_total], refused by reason
 * [usp_connections_refused_total], open [usp_connections_open], bytes each way
 * [usp_bytes_total{direction=from_partner|to_partner}] by deployment; tunnel connections up by
 * client [usp_tunnel_connections]; tunnel-port handshakes in progress [usp_tunnel_handshakes] and
 * refused by cap [usp_tunnel_handshakes_refused_total]; and the time from asking a client for a
 * stream to its answer [usp_stream_open_seconds]. For a collection: decisions by deployment, rule
 * and action [usp_rule_decisions_total] and refusals by deployment, rule and reason
 * [usp_rule_refusals_total]; rule {@code none} when no rule matched.
 */
public final class ServerMetrics implements ListenerEvents {

    private final MeterRegistry registry;
    private final Timer streamOpen;
    private final MultiGauge tunnels;
    private final Map<String, Gauge> openGauges = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> counters = new ConcurrentHashMap<>();
    private final Map<String, Set<Meter>> ruleCounters = new ConcurrentHashMap<>();

    public ServerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.streamOpen = Timer.builder("usp.stream.open")
                .description("From asking a client for a stream to its answer")
                .publishPercentileHistogram()
                .register(registry);
        this.tunnels = MultiGauge.builder("usp.tunnel.connections")
                .description("Tunnel connections up, by client")
                .register(registry);
    }

    /**
     * Publishes a deployment's counters: read from {@code stats} at each scrape, so counting a
     * connection costs the accept path nothing beyond the stats it keeps anyway.
     */
    @Override
    public void counting(String deployment, ListenerStats stats) {
        List<Meter> meters = new ArrayList<>();
        meters.add(FunctionCounter.builder("usp.connections.accepted", stats, ListenerStats::accepted)
                .description("Partner connections accepted by a listener").tag("deployment", deployment)
                .register(registry));
        for (Refusal reason : Refusal.values()) {
            meters.add(FunctionCounter.builder("usp.connections.refused", stats, s -> s.refused(reason))
                    .description("Partner connections refused, by reason")
                    .tags("deployment", deployment, "reason", reason.label()).register(registry));
        }
        meters.add(bytes(deployment, "from_partner", stats, ListenerStats::bytesFromPartners));
        meters.add(bytes(deployment, "to_partner", stats, ListenerStats::bytesToPartners));
        counters.put(deployment, meters);
    }

    @Override
    public void forgotten(String deployment) {
        List<Meter> meters = counters.remove(deployment);
        if (meters != null) {
            meters.forEach(registry::remove);
        }
        Set<Meter> byRule = ruleCounters.remove(deployment);
        if (byRule != null) {
            byRule.forEach(registry::remove);
        }
    }

    /** A collection's rule {@code rule} (0: none matched) decided {@code action} for a partner. */
    public void ruleDecided(String deployment, int rule, String action) {
        ruleCounter("usp.rule.decisions", "Collection decisions, by rule and action", deployment, rule,
                "action", action).increment();
    }

    /** A collection's partner was refused after rule {@code rule} (0: none matched) decided. */
    public void ruleRefused(String deployment, int rule, Refusal reason) {
        ruleCounter("usp.rule.refusals", "Collection refusals, by rule and reason", deployment, rule,
                "reason", reason.label()).increment();
    }

    private Counter ruleCounter(String name, String description, String deployment, int rule, String key,
                                String value) {
        Counter counter = Counter.builder(name).description(description)
                .tags("deployment", deployment, "rule", rule == 0 ? "none" : Integer.toString(rule), key, value)
                .register(registry);
        ruleCounters.computeIfAbsent(deployment, d -> ConcurrentHashMap.newKeySet()).add(counter);
        return counter;
    }

    public void streamOpened(Duration took) {
        streamOpen.record(took);
    }

    /** Re-reads tunnel connections per client; event loops call it at once on changes, hence synchronized. */
    public synchronized void tunnelsChanged(TunnelRegistry registry) {
        Map<String, Long> byClient = registry.all().stream()
                .collect(Collectors.groupingBy(TunnelConnection::client, Collectors.counting()));
        List<MultiGauge.Row<?>> rows = byClient.entrySet().stream()
                .map(e -> MultiGauge.Row.of(Tags.of("client", e.getKey()), e.getValue()))
                .collect(Collectors.toList());
        tunnels.register(rows, true);
    }

    /** Tunnel-port handshakes in progress and refused by cap, read from {@code limits} at each scrape. */
    public void handshakes(HandshakeLimits limits) {
        Gauge.builder("usp.tunnel.handshakes", limits, HandshakeLimits::inProgress)
                .description("TLS handshakes in progress on the tunnel port").register(registry);
        for (HandshakeLimits.Cap cap : HandshakeLimits.Cap.values()) {
            FunctionCounter.builder("usp.tunnel.handshakes.refused", limits, l -> l.refused(cap))
                    .description("Tunnel connections closed because too many handshakes were in progress")
                    .tag("cap", cap.setting()).register(registry);
        }
    }

    @Override
    public void up(LiveListener listener) {
        String name = listener.deployment().name();
        Gauge gauge = Gauge.builder("usp.connections.open", listener, l -> l.partners().size())
                .description("Partner connections open").tag("deployment", name).strongReference(false)
                .register(registry);
        openGauges.put(name, gauge);
    }

    @Override
    public void down(LiveListener listener) {
        Meter gauge = openGauges.remove(listener.deployment().name());
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    private Meter bytes(String deployment, String direction, ListenerStats stats,
                        ToDoubleFunction<ListenerStats> count) {
        return FunctionCounter.builder("usp.bytes", stats, count).baseUnit("bytes")
                .description("Bytes of ended connections, by direction")
                .tags("deployment", deployment, "direction", direction).register(registry);
    }

}
