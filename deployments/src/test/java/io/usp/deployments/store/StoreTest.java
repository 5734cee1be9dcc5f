package io.usp.deployments.store;

import io.usp.deployments.ReservedPorts;
import java.time.Clock;

/**
 * The store tests, on H2 in memory; a subclass marked {@link OnPostgres} runs every one of them
 * again on a fresh database of the test PostgreSQL.
 */
abstract class StoreTest {

    /** Marks a subclass that runs its store tests on PostgreSQL. */
    interface OnPostgres {
    }

    Database database(String prefix, Clock clock) {
        return this instanceof OnPostgres
                ? Database.openShared(TestPostgres.get().freshDatabase(), clock, ReservedPorts.NONE)
                : Database.inMemory(Fixtures.uniqueName(prefix), clock);
    }
}
