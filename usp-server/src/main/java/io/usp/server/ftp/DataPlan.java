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
    /** TLS toward the target, waiting for the target's 1xx to the transfer command (as FTPS clients wait). */
    Runnable targetTls;
    private boolean answered;

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

    /** Starts TLS toward the target now if the target has answered the transfer command with a 1xx, else then. */
    void startTargetTls(Runnable start) {
        if (answered) {
            start.run();
        } else {
            targetTls = start;
        }
    }

    /** The target answered the transfer command with a 1xx: TLS toward it may start. */
    void commandAnswered() {
        answered = true;
        if (targetTls != null) {
            Runnable start = targetTls;
            targetTls = null;
            start.run();
        }
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
