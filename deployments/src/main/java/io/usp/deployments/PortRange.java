package io.usp.deployments;

/** An inclusive range of TCP ports, written {@code 22} or {@code 8000-8099}. */
public record PortRange(int from, int to) {

    public PortRange {
        Ports.require(from, 1);
        Ports.require(to, 1);
        if (from > to) {
            throw new IllegalArgumentException("port range " + from + "-" + to + " is reversed");
        }
    }

    public static PortRange parse(String text) {
        String s = text.strip();
        if (s.matches("\\d{1,5}")) {
            int port = Integer.parseInt(s);
            return new PortRange(port, port);
        }
        if (s.matches("\\d{1,5}-\\d{1,5}")) {
            String[] parts = s.split("-");
            return new PortRange(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        }
        throw new IllegalArgumentException("'" + text + "' is not a port or a port range like 8000-8099");
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
