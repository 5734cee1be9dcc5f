package io.usp.deployments.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.Cidr;
import io.usp.deployments.PortRange;
import io.usp.deployments.route.HostPattern;
import io.usp.deployments.route.Rule;
import io.usp.deployments.route.RuleAction;
import java.util.List;
import java.util.Optional;

/**
 * One rule of a collection as written under a deployment's {@code rules:}; errors name the rule's
 * index and field ({@code rules[1].hosts[0]}).
 * <pre>
 * - { action: tunnel, client: agent-b, hosts: ["*.build.internal"], cidrs: [10.20.0.0/16], ports: [22, "5901-5999"] }
 * </pre>
 */
final class RuleEntry {

    private RuleEntry() {
    }

    /**
     * Reads {@code rules[index]}. A tunnel rule needs a client, its own or the deployment's
     * {@code defaultClient}, so the error can name this rule rather than the deployment.
     */
    static Rule read(Entry e, JsonNode node, int index, Optional<String> defaultClient) {
        String at = "rules[" + index + "]";
        if (node == null || node.isNull()) {
            throw e.error(at, "must not be empty");
        }
        Yaml r = e.convert(node, Yaml.class, at);
        RuleAction action = e.check(at + ".action", () -> RuleAction.parse(e.require(at + ".action", r.action())));
        Optional<String> client = Optional.ofNullable(r.client());
        if (action == RuleAction.TUNNEL && client.isEmpty() && defaultClient.isEmpty()) {
            throw e.error(at + ".client", "a tunnel rule needs a client: name one here or set the deployment's client");
        }
        List<HostPattern> hosts = e.list(at + ".hosts", r.hosts(), HostPattern::parse);
        List<Cidr> cidrs = e.list(at + ".cidrs", r.cidrs(), Cidr::parse);
        List<PortRange> ports = e.list(at + ".ports", r.ports(), RuleEntry::portRange);
        return e.check(at + (client.isPresent() ? ".client" : ""), () -> new Rule(action, client, hosts, cidrs, ports));
    }

    static ObjectNode write(Rule rule) {
        ObjectNode out = StrictYaml.MAPPER.createObjectNode().put("action", rule.action().label());
        rule.client().ifPresent(c -> out.put("client", c));
        if (!rule.hosts().isEmpty()) {
            ArrayNode hosts = out.putArray("hosts");
            rule.hosts().forEach(h -> hosts.add(h.text()));
        }
        if (!rule.cidrs().isEmpty()) {
            ArrayNode cidrs = out.putArray("cidrs");
            rule.cidrs().forEach(c -> cidrs.add(c.toString()));
        }
        if (!rule.ports().isEmpty()) {
            ArrayNode ports = out.putArray("ports");
            rule.ports().forEach(p -> {
                if (p.from() == p.to()) {
                    ports.add(p.from());
                } else {
                    ports.add(p.toString());
                }
            });
        }
        return out;
    }

    /** {@code 22} or {@code "5901-5999"}: YAML reads the first as a number, the second as text. */
    private static PortRange portRange(JsonNode node) {
        if (!node.isIntegralNumber() && !node.isTextual()) {
            throw new IllegalArgumentException("'" + node + "' is not a port or a port range like \"8000-8099\"");
        }
        return PortRange.parse(node.asText());
    }

    private record Yaml(String action, String client, List<String> hosts, List<String> cidrs, List<JsonNode> ports) {
    }
}
