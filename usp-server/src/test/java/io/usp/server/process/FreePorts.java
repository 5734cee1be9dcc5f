package io.usp.server.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports for a process that needs them written into its config before it starts: bound on port 0,
 * read back, released. Another program could take one meanwhile; that fails loudly, not wrongly.
 */
final class FreePorts {

    private FreePorts() {
    }

    static int pick() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
