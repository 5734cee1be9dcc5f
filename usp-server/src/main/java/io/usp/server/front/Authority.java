package io.usp.server.front;

import java.util.Optional;

/** The {@code host:port} a CONNECT request names, IPv6 literals in brackets. */
record Authority(String host, int port) {

    static Optional<Authority> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            return Optional.empty(); // an IPv6 literal must be bracketed
        }
        String port = text.substring(colon + 1);
        if (host.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int p = Integer.parseInt(port);
        return p < 1 || p > 65535 ? Optional.empty() : Optional.of(new Authority(host, p));
    }
}
