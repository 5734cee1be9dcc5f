package io.usp.deployments;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * One entry of a client's allow-list: targets named by host pattern ({@code build.internal},
 * {@code *.corp.internal}) or lying in a CIDR, on one of the listed ports.
 */
public record AllowRule(List<String> hosts, List<Cidr> cidrs, List<PortRange> ports) {

    public AllowRule {
        hosts = hosts.stream().map(AllowRule::requireHostPattern).toList();
        cidrs = List.copyOf(cidrs);
        ports = List.copyOf(ports);
        if (hosts.isEmpty() && cidrs.isEmpty()) {
            throw new IllegalArgumentException("an allow rule needs hosts or cidrs");
        }
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("an allow rule needs ports");
        }
    }

    /** The pattern in lower case; throws unless it is a name, an address, or {@code *.} and a domain. */
    public static String requireHostPattern(String pattern) {
        String h = pattern == null ? "" : pattern.toLowerCase(Locale.ROOT);
        if (!h.matches("(\\*\\.)?[a-z0-9._:-]+")) {
            throw new IllegalArgumentException("host pattern '" + pattern
                    + "' must be a name, an address, or '*.' followed by a domain");
        }
        return h;
    }

    /**
     * True when the target is permitted: the port is listed and either the name the server asked
     * for matches a host pattern, or the address it resolved to lies in a CIDR.
     */
    public boolean permits(String host, int port, InetAddress resolved) {
        if (ports.stream().noneMatch(r -> r.contains(port))) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (hosts.stream().anyMatch(pattern -> matches(pattern, name))) {
            return true;
        }
        return resolved != null && cidrs.stream().anyMatch(c -> c.contains(resolved));
    }

    private static boolean matches(String pattern, String name) {
        if (pattern.startsWith("*.")) {
            String suffix = pattern.substring(1); // ".corp.internal"
            return name.endsWith(suffix) && name.length() > suffix.length();
        }
        return pattern.equals(name);
    }
}
