package io.usp.deployments;

/** TCP port range checks shared by every record that holds a port. */
public final class Ports {

    private Ports() {
    }

    /** Throws unless {@code port} lies in {@code lowest..65535}. */
    public static int require(int port, int lowest) {
        if (port < lowest || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside " + lowest + "..65535");
        }
        return port;
    }
}
