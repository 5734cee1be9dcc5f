package io.usp.server.config;

import io.usp.deployments.Ports;
import io.usp.protocol.pki.SubjectNames;
import java.util.List;

/**
 * The tunnel address clients dial, as enrollment tokens carry it: behind NAT or a load balancer
 * it differs from the bound port. Written {@code host:port}, an IPv6 literal in brackets
 * ({@code [2001:db8::1]:7443}).
 *
 * @param host a name or address; an IPv6 literal without brackets
 * @param port 1-65535
 */
public record PublicAddress(String host, int port) {

    public PublicAddress {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        Ports.require(port, 1);
    }

    /** Parses {@code host:port} or {@code [v6]:port}; anything else says what is wrong. */
    public static PublicAddress parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw malformed(text, "has no closing ']'");
            }
            if (close + 1 < text.length() && text.charAt(close + 1) != ':') {
                throw malformed(text, "is not [address]:port");
            }
            host = text.substring(1, close);
            port = text.substring(Math.min(close + 2, text.length()));
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw malformed(text, "has no port");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.contains(":")) {
                throw malformed(text, "needs its IPv6 address in brackets");
            }
        }
        if (host.isEmpty()) {
            throw malformed(text, "has no host");
        }
        if (port.isEmpty()) {
            throw malformed(text, "has no port");
        }
        if (!port.matches("\\d{1,5}")) {
            throw malformed(text, "has port '" + port + "', not a number from 1 to 65535");
        }
        return new PublicAddress(host, Integer.parseInt(port));
    }

    private static IllegalArgumentException malformed(String text, String problem) {
        return new IllegalArgumentException("'" + text + "' " + problem
                + "; write host:port, e.g. relay.example.com:7443 or [2001:db8::1]:7443");
    }

    /**
     * This address, if the server certificate (for {@code names}) is valid for its host: the
     * client checks the certificate against the host it dials, so any other host could never work.
     */
    public PublicAddress requireIn(List<String> names) {
        if (!SubjectNames.covers(names, host)) {
            throw new IllegalArgumentException("host '" + host + "' is not one of tunnel.names " + names
                    + "; clients check the server certificate against the host they dial, so list it there");
        }
        return this;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
