package io.usp.deployments.route;

import io.usp.deployments.Cidr;
import io.usp.deployments.Names;
import io.usp.deployments.PortRange;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One ordered entry of a collection. It matches a destination when every dimension it names
 * matches; a dimension left empty matches anything. {@code hosts} are matched against the name
 * the partner asked for, {@code cidrs} against the address actually connected to.
 *
 * @param client for a {@code tunnel} rule, the client to go through; empty means the deployment's
 */
public record Rule(RuleAction action, Optional<String> client, List<HostPattern> hosts, List<Cidr> cidrs,
                   List<PortRange> ports) {

    public Rule {
        if (action == null) {
            throw new IllegalArgumentException("action is required");
        }
        if (client.isPresent() && action != RuleAction.TUNNEL) {
            throw new IllegalArgumentException("client is only for a tunnel rule, not a " + action.label() + " rule");
        }
        client.ifPresent(c -> Names.require(c, "client"));
        hosts = List.copyOf(hosts);
        cidrs = List.copyOf(cidrs);
        ports = List.copyOf(ports);
    }

    /** Which host pattern matches the normalized {@code name}; present and empty when no hosts are named. */
    Optional<String> hostMatch(String name) {
        if (hosts.isEmpty()) {
            return Optional.of("");
        }
        return hosts.stream().filter(h -> h.matches(name)).findFirst().map(h -> "host " + name + " matches " + h.text());
    }

    Optional<String> portMatch(int port) {
        if (ports.isEmpty()) {
            return Optional.of("");
        }
        return ports.stream().filter(p -> p.contains(port)).findFirst().map(p -> "port " + port + " in " + p);
    }

    Optional<String> addressMatch(InetAddress address) {
        if (cidrs.isEmpty()) {
            return Optional.of("");
        }
        return cidrs.stream().filter(c -> c.contains(address)).findFirst()
                .map(c -> "address " + address.getHostAddress() + " in " + c);
    }

    /** How the rule reads in a decision: {@code rule 2 (tunnel via agent-a)}. */
    String label(int number, Optional<String> defaultClient) {
        String via = action == RuleAction.TUNNEL ? " via " + client.or(() -> defaultClient).orElse("?") : "";
        return "rule " + number + " (" + action.label() + via + ")";
    }

    static String joined(List<String> parts) {
        List<String> named = new ArrayList<>(parts.stream().filter(p -> !p.isEmpty()).toList());
        return named.isEmpty() ? "it names no host, address or port, so it matches everything" : String.join(", ", named);
    }
}
