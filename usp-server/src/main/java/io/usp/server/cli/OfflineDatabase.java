package io.usp.server.cli;

import io.usp.deployments.store.Database;
import io.usp.deployments.store.DatabaseInUseException;
import io.usp.server.config.ServerConfig;
import java.time.Clock;

/**
 * The server's database for the commands that work on it while the server is stopped (export,
 * import, reset-admin). A running server holds the file locked; H2 refuses a second process at
 * once, so the command ends at once too, having changed nothing.
 */
final class OfflineDatabase {

    private OfflineDatabase() {
    }

    static Database open(ServerConfig settings, String command) {
        try {
            return Database.open(settings.dataDir(), Clock.systemUTC());
        } catch (DatabaseInUseException e) {
            IllegalStateException inUse = new IllegalStateException("the database " + e.file()
                    + " is in use by another process: stop the server first ('" + command
                    + "' works on a stopped server's database only)");
            inUse.addSuppressed(e);
            throw inUse;
        }
    }
}
