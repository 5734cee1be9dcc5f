package io.usp.deployments;

/** The {@code host:port} a partner's bytes end up at. */
public record Target(String host, int port) {

    public static final int MAX_HOST = 253;

    public Target {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host is required");
        }
        if (host.length() > MAX_HOST) {
            throw new IllegalArgumentException("host is longer than " + MAX_HOST + " characters, the most a DNS name has");
        }
        if (!host.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException("host '" + host + "' is not a host name or IP address");
        }
        Ports.require(port, 1);
    }

    /** The HTTP/2 {@code :authority} form; IPv6 literals are bracketed. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Parses {@code host:port} or {@code [v6]:port}. */
    public static Target parseAuthority(String authority) {
        if (authority == null) {
            throw new IllegalArgumentException("authority is missing");
        }
        int colon = authority.lastIndexOf(':');
        if (colon <= 0 || colon == authority.length() - 1) {
            throw new IllegalArgumentException("authority '" + authority + "' is not host:port");
        }
        String host = authority.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        String port = authority.substring(colon + 1);
        if (!port.matches("\\d{1,5}")) {
            throw new IllegalArgumentException("authority '" + authority + "' has no valid port");
        }
        return new Target(host, Integer.parseInt(port));
    }

    @Override
    public String toString() {
        return authority();
    }
}
