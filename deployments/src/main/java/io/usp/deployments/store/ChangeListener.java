package io.usp.deployments.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a shared database's {@code usp_change} channel (its triggers announce each change
 * to what the servers apply) on a connection and a thread of its own, and hands each changed
 * table's name on. A lost connection is opened again every second; meanwhile the periodic
 * re-read keeps the server in step.
 */
final class ChangeListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeListener.class);
    static final String CHANNEL = "usp_change";
    private static final int POLL_MS = 500;

    private final SharedDatabase database;
    private final Consumer<String> changed;
    private final Thread thread;
    private volatile boolean closed;

    ChangeListener(SharedDatabase database, Consumer<String> changed) {
        this.database = database;
        this.changed = changed;
        this.thread = new Thread(this::run, "usp-store-changes");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        String lastProblem = null;
        while (!closed) {
            try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
                 Statement listen = c.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
                if (lastProblem != null) {
                    LOG.info("listening for changes on {} again", database.url());
                    lastProblem = null;
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notes = pg.getNotifications(POLL_MS);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            changed.accept(note.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
                    LOG.warn("not listening for changes on {} ({}); re-reading every second, trying again",
                            database.url(), e.getMessage());
                    lastProblem = String.valueOf(e.getMessage());
                }
                pause();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000); // before reconnecting: the database is away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
