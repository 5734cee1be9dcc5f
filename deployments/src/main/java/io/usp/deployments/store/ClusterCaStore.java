package io.usp.deployments.store;

import java.time.Instant;
import java.util.Optional;

/** The one CA of the servers sharing this database: its certificate and its sealed private key. */
public interface ClusterCaStore {

    record StoredCa(String certificate, String sealedKey, Instant createdAt) {
    }

    Optional<StoredCa> ca();

    /** Stores the CA unless one is stored already (another server won the race); true when this one was stored. */
    boolean offer(String certificate, String sealedKey, Instant at);
}
