package io.usp.server.ftp;

import io.usp.deployments.PortRange;
import java.util.BitSet;
import java.util.OptionalInt;

/**
 * The DMZ ports of one FTP deployment's passive data connections. A port is held by one session
 * for one data connection, then given back; taken round-robin so a port just freed is the last
 * to be reused. Thread-safe.
 */
public final class PassivePorts {

    private final PortRange range;
    private final BitSet held = new BitSet();
    private int next;

    PassivePorts(PortRange range) {
        this.range = range;
    }

    synchronized OptionalInt take() {
        int size = range.to() - range.from() + 1;
        for (int i = 0; i < size; i++) {
            int offset = (next + i) % size;
            if (!held.get(offset)) {
                held.set(offset);
                next = (offset + 1) % size;
                return OptionalInt.of(range.from() + offset);
            }
        }
        return OptionalInt.empty();
    }

    synchronized void release(int port) {
        held.clear(port - range.from());
    }

    synchronized int inUse() {
        return held.cardinality();
    }
}
