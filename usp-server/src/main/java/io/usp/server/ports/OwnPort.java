package io.usp.server.ports;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A port the server itself listens on (the tunnel port, the admin port), named for the operator
 * by what it is for and the keys of server.yaml that set it.
 *
 * @param name    what it is, e.g. "the tunnel port"
 * @param purpose what the server does there, e.g. "listen for tunnels"
 * @param section the server.yaml section that sets it, e.g. "tunnel"
 * @param bind    local address
 * @param port    TCP port; 0 is any free one
 * @param file    the server.yaml it came from
 */
public record OwnPort(String name, String purpose, String section, String bind, int port, Path file) {

    /** What holds the port, for a deployment that asks for it: "the tunnel port (tunnel.port)". */
    public String owner() {
        return name + " (" + section + ".port)";
    }

    /**
     * Fails, naming the port, when it cannot be bound now; checked before the server creates any
     * file, so a taken port leaves nothing half made. Port 0 is always free.
     */
    public void checkFree() {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as the real bind does: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            throw cannotBind(e);
        }
    }

    /** The error for a failed bind of this port, with the likely reason in words. */
    public IllegalStateException cannotBind(Throwable cause) {
        return new IllegalStateException("cannot " + purpose + " on " + hostPort() + " (" + section + ".bind, "
                + section + ".port in " + file + "): " + BindErrors.reason(cause), cause);
    }

    private String hostPort() {
        return (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + port;
    }
}
