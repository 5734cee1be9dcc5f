package io.usp.server.ftp;

import io.netty.channel.Channel;
import io.usp.deployments.Target;
import java.net.InetSocketAddress;

/**
 * The data connection a PASV/EPSV or PORT/EPRT prepared, for the next transfer command: a DMZ
 * passive port (and its listening channel) or the partner's own address, and the inside
 * server's passive port on the target's host once it has named it. Used on the session's loop.
 */
final class DataPlan {

    final int port;
    final boolean extended;
    final InetSocketAddress active;
    Target inside;
    Channel server;
    Channel data;
    boolean released;
    TransferRun transfer;

    private DataPlan(int port, boolean extended, InetSocketAddress active) {
        this.port = port;
        this.extended = extended;
        this.active = active;
    }

    static DataPlan passive(int port, boolean extended) {
        return new DataPlan(port, extended, null);
    }

    static DataPlan active(InetSocketAddress address, boolean extended) {
        return new DataPlan(0, extended, address);
    }

    /** Stops listening and gives the passive port back, once. */
    void close(PassivePorts ports) {
        if (server != null) {
            server.close();
        }
        if (active == null && !released) {
            released = true;
            ports.release(port);
        }
    }
}
