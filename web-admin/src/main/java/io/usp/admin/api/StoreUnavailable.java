package io.usp.admin.api;

import java.sql.SQLException;

/** Whether a store failure means the database cannot be reached, rather than a refused request. */
final class StoreUnavailable {

    private StoreUnavailable() {
    }

    /**
     * SQLSTATE class 08 (connection exception) or 57P (the server shut the connection: admin
     * shutdown, crash, cannot connect now), anywhere in the cause chain.
     */
    static boolean is(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
