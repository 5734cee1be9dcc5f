package io.usp.deployments.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.deployments.AllowList;
import io.usp.deployments.AllowRule;
import io.usp.deployments.Cidr;
import io.usp.deployments.PortRange;
import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a client's allow-list as written in YAML; errors name it {@code allow[i]}.
 * <pre>
 * - hosts: [build.internal, "*.corp.internal"]
 *   cidrs: [10.20.0.0/16]
 *   ports: [22, "8000-8099"]
 * </pre>
 */
public final class AllowEntry {

    private AllowEntry() {
    }

    /** The whole list; nothing listed permits nothing. */
    public static AllowList readAll(StrictYaml yaml, List<JsonNode> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            return AllowList.NOTHING;
        }
        List<AllowRule> rules = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            rules.add(read(yaml, nodes.get(i), i));
        }
        return new AllowList(rules);
    }

    public static AllowRule read(StrictYaml yaml, JsonNode node, int index) {
        Entry e = yaml.entry("allow[" + index + "]");
        Yaml a = e.convert(node, Yaml.class);
        if (a == null) {
            throw e.error(null, "is empty");
        }
        var hosts = e.list("hosts", a.hosts(), AllowRule::requireHostPattern);
        var cidrs = e.list("cidrs", a.cidrs(), Cidr::parse);
        var ports = e.list("ports", a.ports(), AllowEntry::ports);
        if (ports.isEmpty()) {
            throw e.error("ports", "is required: list the ports this rule permits");
        }
        if (hosts.isEmpty() && cidrs.isEmpty()) {
            throw e.error(null, "a rule needs hosts or cidrs (or both)");
        }
        return e.check(null, () -> new AllowRule(hosts, cidrs, ports));
    }

    private static PortRange ports(JsonNode node) {
        if (node.isTextual()) {
            return PortRange.parse(node.textValue());
        }
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return new PortRange(node.intValue(), node.intValue());
        }
        throw new IllegalArgumentException("expected a port or a range like 8000-8099, got "
                + JacksonErrors.describe(node));
    }

    private record Yaml(List<String> hosts, List<String> cidrs, List<JsonNode> ports) {
    }
}
