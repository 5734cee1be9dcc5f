package io.usp.deployments.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link AuditLog} in table {@code audit_log}; the deployment store writes here inside its own transactions. */
final class JdbiAuditLog implements AuditLog {

    private final Jdbi jdbi;

    JdbiAuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void record(AuditEntry entry) {
        Sql.translate(() -> jdbi.useHandle(h -> insert(h, entry)));
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM audit_log ORDER BY id DESC LIMIT :limit")
                .bind("limit", Math.max(0, limit))
                .map((rs, ctx) -> entry(rs))
                .list()));
    }

    /** Writes {@code entry} with {@code h}, so it commits or rolls back with the change it describes. */
    static void insert(Handle h, AuditEntry entry) {
        insertAll(h, List.of(entry));
    }

    /** One prepared statement for them all: an import may audit thousands of entries. */
    static void insertAll(Handle h, List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO audit_log (at, actor, action, subject_kind, subject_name,"
                + " before_json, after_json) VALUES (:at, :actor, :action, :kind, :subject, :before, :after)");
        for (AuditEntry entry : entries) {
            batch.bind("at", entry.at())
                    .bind("actor", entry.actor())
                    .bind("action", entry.action())
                    .bind("kind", entry.subjectKind())
                    .bind("subject", entry.subjectName())
                    .bind("before", entry.before().orElse(null))
                    .bind("after", entry.after().orElse(null))
                    .add();
        }
        batch.execute();
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor"), rs.getString("action"),
                rs.getString("subject_kind"), rs.getString("subject_name"),
                Sql.optionalString(rs, "before_json"), Sql.optionalString(rs, "after_json"));
    }
}
