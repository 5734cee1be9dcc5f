package io.usp.deployments.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.Deployment;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.Names;
import io.usp.deployments.Ports;
import io.usp.deployments.StartMode;
import io.usp.deployments.route.Route;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One deployment as written in YAML (and in the admin API's JSON). Absent parts take their
 * defaults: no {@code ipFilter} admits everyone, no {@code limits} caps nothing, no {@code client}
 * means direct, a filter without {@code defaultAction} blocks, {@code startMode} is {@code auto}
 * and {@code enabled} is true. {@code ipFilter} is either inline rules or the name of an entry
 * of {@code ipFilters} ({@link IpFilterEntry}).
 * <pre>
 * - name: ssh-build-box
 *   listener: { bind: 0.0.0.0, port: 10022 }
 *   ipFilter: { block: [203.0.113.0/24], allow: [198.51.100.0/24], defaultAction: block }
 *   limits: { maxConnections: 100, maxConnectionsPerIp: 10, newConnectionsPerSecondPerIp: 20 }
 *   target: { host: build.internal, port: 22 }
 *   client: agent-a
 *   idleTimeout: 1h
 * </pre>
 */
public final class DeploymentEntry {

    private DeploymentEntry() {
    }

    /**
     * Converts {@code deployments[index]} of a file; errors name the file, the deployment (by its
     * {@code name} when it has one) and the field. A named {@code ipFilter} must be one of {@code filters}.
     */
    public static Deployment read(StrictYaml yaml, JsonNode node, int index, Map<String, NamedIpFilter> filters) {
        return read(yaml.entry("deployment", "deployments", node, index), node, filters);
    }

    /** Converts a request body shaped like one entry; errors name only the field ({@link StrictYaml#body}). */
    public static Deployment readBody(JsonNode body, Map<String, NamedIpFilter> filters) {
        return read(StrictYaml.body(), body, filters);
    }

    private static Deployment read(Entry e, JsonNode node, Map<String, NamedIpFilter> filters) {
        Yaml d = e.convert(node, Yaml.class);
        if (d == null) {
            throw e.error(null, "is empty");
        }
        e.check("name", () -> Names.require(e.require("name", d.name()), "name"));
        Listener listener = listener(e, e.require("listener", d.listener()));
        // "ipFilter:" with nothing after it (JSON null) reads as absent, as every other field does
        JsonNode ipFilter = d.ipFilter() == null || d.ipFilter().isNull() ? null : d.ipFilter();
        Optional<NamedIpFilter> named = namedFilter(e, ipFilter, filters);
        IpFilter filter = named.map(NamedIpFilter::filter).orElseGet(() -> ipFilter == null ? IpFilter.ALLOW_ALL
                : IpFilterEntry.rules(e, "ipFilter", e.convert(ipFilter, IpFilterEntry.RulesYaml.class, "ipFilter")));
        Limits limits = d.limits() == null ? Limits.NONE : limits(e, d.limits());
        Route route = RouteEntry.read(e, new RouteEntry.Yaml(d.mode(), d.target(), d.client(), d.rules(),
                d.dnsOverrides(), d.ftp()));
        var idle = e.duration("idleTimeout", d.idleTimeout(), Deployment.DEFAULT_IDLE_TIMEOUT);
        StartMode start = d.startMode() == null ? StartMode.AUTO
                : e.check("startMode", () -> StartMode.parse(d.startMode()));
        boolean enabled = d.enabled() == null || d.enabled();
        return e.check(null, () -> new Deployment(d.name(), listener, filter, limits, route, idle,
                named.map(NamedIpFilter::name), start, enabled));
    }

    /** The deployment as an entry that {@link #read} turns back into the same deployment. */
    public static ObjectNode write(Deployment d) {
        ObjectNode out = StrictYaml.MAPPER.createObjectNode();
        out.put("name", d.name());
        out.putObject("listener").put("bind", d.listener().bind()).put("port", d.listener().port());
        if (d.ipFilterName().isPresent()) {
            out.put("ipFilter", d.ipFilterName().get());
        } else if (!d.ipFilter().equals(IpFilter.ALLOW_ALL)) {
            out.set("ipFilter", IpFilterEntry.writeRules(d.ipFilter()));
        }
        if (!d.limits().equals(Limits.NONE)) {
            ObjectNode limits = out.putObject("limits");
            d.limits().maxConnections().ifPresent(v -> limits.put("maxConnections", v));
            d.limits().maxConnectionsPerIp().ifPresent(v -> limits.put("maxConnectionsPerIp", v));
            d.limits().newConnectionsPerSecondPerIp().ifPresent(v -> limits.put("newConnectionsPerSecondPerIp", v));
        }
        RouteEntry.write(d.route(), out);
        out.put("idleTimeout", Durations.format(d.idleTimeout()));
        out.put("startMode", d.startMode().label());
        out.put("enabled", d.enabled());
        return out;
    }

    private static Optional<NamedIpFilter> namedFilter(Entry e, JsonNode ipFilter, Map<String, NamedIpFilter> filters) {
        if (ipFilter == null || !ipFilter.isTextual()) {
            return Optional.empty();
        }
        NamedIpFilter named = filters.get(ipFilter.textValue());
        if (named == null) {
            throw e.error("ipFilter", "no IP filter is named '" + ipFilter.textValue() + "'"
                    + (filters.isEmpty() ? " (there are none)" : "; known: " + String.join(", ", filters.keySet())));
        }
        return Optional.of(named);
    }

    private static Listener listener(Entry e, ListenerYaml l) {
        int port = e.check("listener.port", () -> Ports.require(e.require("listener.port", l.port()), 0));
        String bind = l.bind() == null ? Listener.DEFAULT_BIND : l.bind();
        return e.check("listener.bind", () -> new Listener(bind, port));
    }

    private static Limits limits(Entry e, LimitsYaml l) {
        return e.check("limits", () -> new Limits(
                atLeastOne(e, "limits.maxConnections", l.maxConnections()),
                atLeastOne(e, "limits.maxConnectionsPerIp", l.maxConnectionsPerIp()),
                atLeastOne(e, "limits.newConnectionsPerSecondPerIp", l.newConnectionsPerSecondPerIp())));
    }

    private static OptionalInt atLeastOne(Entry e, String field, Integer value) {
        if (value != null && value < 1) {
            throw e.error(field, "must be at least 1, got " + value);
        }
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private record Yaml(String name, String mode, ListenerYaml listener, JsonNode ipFilter, LimitsYaml limits,
                        RouteEntry.TargetYaml target, String client, List<JsonNode> rules,
                        Map<String, String> dnsOverrides, JsonNode ftp, String idleTimeout, String startMode, Boolean enabled) {
    }

    private record ListenerYaml(String bind, Integer port) {
    }

    private record LimitsYaml(Integer maxConnections, Integer maxConnectionsPerIp,
                              Integer newConnectionsPerSecondPerIp) {
    }
}
