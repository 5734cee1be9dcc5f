package io.usp.server.cli;

import io.usp.deployments.Cidr;
import io.usp.deployments.Deployment;
import io.usp.deployments.route.CollectionRoute;
import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.route.FtpRoute;
import io.usp.deployments.route.HostPattern;
import io.usp.deployments.route.Rule;
import io.usp.deployments.route.RuleAction;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code allow:} entries a new client's YAML starts with: what the deployments that use
 * it would ask it to reach. A collection rule whose hosts the allow-list cannot express (a
 * regular expression, a {@code prefix*}) or that names nothing becomes a comment to act on.
 */
final class AllowSuggestion {

    private AllowSuggestion() {
    }

    static List<String> lines(List<Deployment> deployments, String client) {
        List<String> out = new ArrayList<>();
        for (Deployment d : deployments) {
            out.addAll(d.route().fold(f -> fixed(d, f, client), c -> collection(d, c, client),
                    ftp -> ftp(d, ftp, client)));
        }
        return out;
    }

    private static List<String> fixed(Deployment d, FixedRoute route, String client) {
        if (!route.client().filter(client::equals).isPresent()) {
            return List.of();
        }
        return List.of("  - hosts: [" + yamlScalar(route.target().host()) + "]   # deployment " + d.name(),
                "    ports: [" + route.target().port() + "]");
    }

    /** The control port, and a comment: the inside server's passive data ports must be allowed too. */
    private static List<String> ftp(Deployment d, FtpRoute route, String client) {
        List<String> out = new ArrayList<>(fixed(d, route.control(), client));
        if (!out.isEmpty()) {
            out.add("    # and the passive data ports of " + route.target().host() + " (its own PASV range), e.g. \"40000-40099\"");
        }
        return out;
    }

    private static List<String> collection(Deployment d, CollectionRoute route, String client) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < route.rules().size(); i++) {
            Rule r = route.rules().get(i);
            boolean ours = r.action() == RuleAction.TUNNEL && r.client().or(route::client).filter(client::equals).isPresent();
            if (!ours) {
                continue;
            }
            String where = "deployment " + d.name() + ", rule " + (i + 1);
            boolean expressible = r.hosts().stream().allMatch(h -> h instanceof HostPattern.Exact
                    || h instanceof HostPattern.Suffix);
            if (!expressible || (r.hosts().isEmpty() && r.cidrs().isEmpty())) {
                out.add("  # " + where + ": its hosts cannot be written here; list the names or CIDRs it should reach");
                continue;
            }
            String hosts = r.hosts().isEmpty() ? "" : "hosts: [" + r.hosts().stream().map(HostPattern::text)
                    .map(AllowSuggestion::yamlScalar).collect(Collectors.joining(", ")) + "]";
            String cidrs = r.cidrs().isEmpty() ? "" : "cidrs: [" + r.cidrs().stream().map(Cidr::toString)
                    .map(AllowSuggestion::yamlScalar).collect(Collectors.joining(", ")) + "]";
            out.add("  - " + (hosts.isEmpty() ? cidrs : hosts + (cidrs.isEmpty() ? "" : ", " + cidrs)) + "   # " + where);
            out.add("    ports: [" + (r.ports().isEmpty() ? "\"1-65535\"" : r.ports().stream()
                    .map(p -> p.from() == p.to() ? p.toString() : "\"" + p + "\"").collect(Collectors.joining(", "))) + "]");
        }
        return out;
    }

    /** Names and IPv4 addresses as they are; anything else (IPv6, "10", "*.x") quoted so YAML reads it as text. */
    static String yamlScalar(String text) {
        boolean plain = text.matches("[A-Za-z][A-Za-z0-9._-]*") || text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        return plain ? text : "\"" + text + "\"";
    }
}
