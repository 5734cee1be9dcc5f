package io.usp.deployments.route;

import io.usp.deployments.Cidr;
import io.usp.deployments.Names;
import io.usp.deployments.Target;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Modes {@code connect} and {@code socks5}: the partner names a destination and the ordered
 * {@code rules} decide it; the first rule that matches wins, and no match is a refusal.
 *
 * @param client the client a {@code tunnel} rule uses when it names none
 */
public record CollectionRoute(Mode mode, List<Rule> rules, DnsOverrides dnsOverrides, Optional<String> client)
        implements Route {

    public CollectionRoute {
        if (mode == null || !mode.collection()) {
            throw new IllegalArgumentException("a collection's mode is connect or socks5, not " + mode);
        }
        client.ifPresent(c -> Names.require(c, "client"));
        rules = List.copyOf(rules);
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.action() == RuleAction.TUNNEL && r.client().isEmpty() && client.isEmpty()) {
                throw new IllegalArgumentException("rule " + (i + 1) + " is a tunnel rule without a client,"
                        + " and the deployment names no client for it");
            }
        }
    }

    /**
     * Decides a partner's request. A rule's {@code cidrs} are checked here when the destination
     * (after DNS overrides) is an address; when it is a name, the address is known only where the
     * connection is made, so the rule decides and that side refuses a name resolving outside.
     */
    public RuleDecision decide(Target requested) {
        String name = HostPattern.normalize(requested.host());
        Target destination = dnsOverrides.apply(requested);
        Optional<InetAddress> address = Cidr.literal(destination.host());
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            Optional<String> host = r.hostMatch(name);
            Optional<String> port = host.isPresent() ? r.portMatch(requested.port()) : Optional.empty();
            if (port.isEmpty()) {
                continue;
            }
            Optional<String> cidr = address.isPresent() ? r.addressMatch(address.get()) : Optional.of(r.cidrs().isEmpty()
                    ? "" : destination.host() + " must resolve into " + r.cidrs().stream().map(Cidr::toString)
                    .reduce((a, b) -> a + " or " + b).orElseThrow() + " where it is connected");
            if (cidr.isEmpty()) {
                continue;
            }
            List<Cidr> required = address.isPresent() ? List.of() : r.cidrs();
            Optional<String> via = r.action() == RuleAction.TUNNEL ? r.client().or(() -> client) : Optional.empty();
            String why = r.label(i + 1, client) + ": " + Rule.joined(List.of(host.get(), port.get(), cidr.get()))
                    + (destination.equals(requested) ? "" : "; DNS override to " + destination.authority());
            return new RuleDecision(i + 1, r.action(), via, requested, destination, required, why);
        }
        return RuleDecision.none(requested, destination);
    }

    @Override
    public String summary() {
        return mode.label() + " collection, " + rules.size() + (rules.size() == 1 ? " rule" : " rules")
                + client.map(c -> ", client " + c).orElse("");
    }

    @Override
    public <T> T fold(Function<FixedRoute, T> fixed, Function<CollectionRoute, T> collection,
                      Function<FtpRoute, T> ftp) {
        return collection.apply(this);
    }

    @Override
    public Set<String> clients() {
        Set<String> all = new LinkedHashSet<>();
        client.ifPresent(all::add);
        rules.forEach(r -> r.client().ifPresent(all::add));
        return all;
    }

}
