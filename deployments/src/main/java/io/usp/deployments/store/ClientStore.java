package io.usp.deployments.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Clients the server has seen: when first and last, from where, and their certificate. */
public interface ClientStore {

    record ClientRecord(String name, Instant firstSeenAt, Instant lastSeenAt, String lastAddress,
                        Optional<String> certSerial, Optional<Instant> certNotAfter) {
    }

    /** Upserts by name: keeps {@code firstSeenAt}, replaces the rest. */
    void seen(ClientRecord client);

    /** Sorted by name. */
    List<ClientRecord> clients();
}
