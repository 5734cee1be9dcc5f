package io.usp.deployments.store;

import java.nio.file.Path;

/**
 * The database file is held by another process: H2 could not lock it (its error 90020,
 * DATABASE_ALREADY_OPEN_1, which it reports at once instead of waiting). Typed, so each command can
 * say what to do about it.
 */
public final class DatabaseInUseException extends IllegalStateException {

    private final transient Path file;

    DatabaseInUseException(Path file, String message, Throwable h2) {
        super(message);
        this.file = file;
        addSuppressed(h2); // not the cause: its text ("Possible solutions: ... use the server mode") misleads here
    }

    /** The locked file, {@code dataDir/usp.mv.db}. */
    public Path file() {
        return file;
    }
}
