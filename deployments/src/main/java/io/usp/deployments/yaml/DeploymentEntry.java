package io.usp.deployments.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.deployments.Cidr;
import io.usp.deployments.Deployment;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.Names;
import io.usp.deployments.Ports;
import io.usp.deployments.Target;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One deployment as written in YAML. Absent parts take their defaults: no {@code ipFilter}
 * admits everyone, no {@code limits} caps nothing, no {@code client} means direct, and a filter
 * without {@code defaultAction} blocks.
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

    /** Converts {@code deployments[index]}; errors name the deployment by its {@code name} when it has one. */
    public static Deployment read(StrictYaml yaml, JsonNode node, int index) {
        JsonNode name = node == null ? null : node.get("name");
        Entry e = yaml.entry(name != null && name.isTextual()
                ? "deployment '" + name.textValue() + "'" : "deployments[" + index + "]");
        Yaml d = e.convert(node, Yaml.class);
        if (d == null) {
            throw e.error(null, "is empty");
        }
        e.check("name", () -> Names.require(e.require("name", d.name()), "name"));
        Optional<String> client = Optional.ofNullable(d.client());
        client.ifPresent(c -> e.check("client", () -> Names.require(c, "client")));
        Listener listener = listener(e, e.require("listener", d.listener()));
        IpFilter filter = d.ipFilter() == null ? IpFilter.ALLOW_ALL : ipFilter(e, d.ipFilter());
        Limits limits = d.limits() == null ? Limits.NONE : limits(e, d.limits());
        Target target = target(e, e.require("target", d.target()));
        var idle = e.duration("idleTimeout", d.idleTimeout(), Deployment.DEFAULT_IDLE_TIMEOUT);
        return e.check(null, () -> new Deployment(d.name(), listener, filter, limits, target, client, idle));
    }

    private static Listener listener(Entry e, ListenerYaml l) {
        int port = e.check("listener.port", () -> Ports.require(e.require("listener.port", l.port()), 0));
        String bind = l.bind() == null ? Listener.DEFAULT_BIND : l.bind();
        return e.check("listener.bind", () -> new Listener(bind, port));
    }

    private static IpFilter ipFilter(Entry e, IpFilterYaml f) {
        List<Cidr> block = e.list("ipFilter.block", f.block(), Cidr::parse);
        List<Cidr> allow = e.list("ipFilter.allow", f.allow(), Cidr::parse);
        FilterAction action = f.defaultAction() == null ? IpFilter.DEFAULT_ACTION
                : e.check("ipFilter.defaultAction", () -> action(f.defaultAction()));
        return new IpFilter(block, allow, action);
    }

    private static FilterAction action(String text) {
        return switch (text) {
            case "allow" -> FilterAction.ALLOW;
            case "block" -> FilterAction.BLOCK;
            default -> throw new IllegalArgumentException("'" + text + "' is neither allow nor block");
        };
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

    private static Target target(Entry e, TargetYaml t) {
        int port = e.check("target.port", () -> Ports.require(e.require("target.port", t.port()), 1));
        return e.check("target.host", () -> new Target(e.require("target.host", t.host()), port));
    }

    private record Yaml(String name, ListenerYaml listener, IpFilterYaml ipFilter, LimitsYaml limits,
                        TargetYaml target, String client, String idleTimeout) {
    }

    private record ListenerYaml(String bind, Integer port) {
    }

    private record IpFilterYaml(List<String> block, List<String> allow, String defaultAction) {
    }

    private record LimitsYaml(Integer maxConnections, Integer maxConnectionsPerIp,
                              Integer newConnectionsPerSecondPerIp) {
    }

    private record TargetYaml(String host, Integer port) {
    }
}
