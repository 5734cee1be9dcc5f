package io.usp.deployments;

/** The public TCP port a deployment binds on the server. Port 0 picks a free port (tests). */
public record Listener(String bind, int port) {

    /** Every local address, the bind used when none is given. */
    public static final String DEFAULT_BIND = "0.0.0.0";
    /** The longest bind address kept (an IP literal or a host name fits with room). */
    public static final int MAX_BIND = 255;

    public Listener {
        if (bind == null || bind.isBlank()) {
            throw new IllegalArgumentException("bind is required");
        }
        if (bind.length() > MAX_BIND) {
            throw new IllegalArgumentException("bind is longer than " + MAX_BIND + " characters");
        }
        Ports.require(port, 0);
    }
}
