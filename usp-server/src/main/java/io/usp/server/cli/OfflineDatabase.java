package io.usp.server.cli;

import io.usp.deployments.store.Database;
import io.usp.deployments.store.DatabaseInUseException;
import io.usp.server.config.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
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
            return settings.openDatabase(Clock.systemUTC());
        } catch (DatabaseInUseException e) {
            IllegalStateException inUse = new IllegalStateException("the database " + e.file()
                    + " is in use by another process: stop the server first ('" + command
                    + "' works on a stopped server's database only)");
            inUse.addSuppressed(e);
            throw inUse;
        }
    }

    /** Like {@link #open}, but a database that is not there yet is an error rather than created empty. */
    static Database openExisting(ServerConfig settings, String command) {
        if (settings.cluster().isPresent()) {
            return open(settings, command); // shared: it exists once any server has run
        }
        Path file = Database.file(settings.dataDir());
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("there is no database " + file + " (dataDir in " + settings.file()
                    + "): the server has not run with this dataDir yet, so '" + command + "' has nothing to change");
        }
        return open(settings, command);
    }
}
