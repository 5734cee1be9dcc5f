package io.usp.deployments.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** {@link ConnectionHistory} in table {@code connection_history}. */
final class JdbiConnectionHistory implements ConnectionHistory {

    // the column sizes; a longer text is cut rather than losing the whole batch
    private static final int PARTNER = 64;
    private static final int TARGET = 300;
    private static final int VIA = 63;
    private static final int OUTCOME = 32;
    private static final int DETAIL = 1000;

    private final Jdbi jdbi;

    JdbiConnectionHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void add(List<ConnectionRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        Sql.translate(() -> jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch("INSERT INTO connection_history"
                    + " (closed_at, deployment, partner, target, via, outcome, detail, bytes_up, bytes_down, duration_ms,"
                    + " connections, rule)"
                    + " VALUES (:closedAt, :deployment, :partner, :target, :via, :outcome, :detail,"
                    + " :bytesUp, :bytesDown, :durationMs, :connections, :rule)");
            for (ConnectionRecord r : records) {
                batch.bind("closedAt", r.closedAt())
                        .bind("deployment", r.deployment())
                        .bind("partner", cut(r.partner(), PARTNER))
                        .bind("target", cut(r.target().orElse(null), TARGET))
                        .bind("via", cut(r.via().orElse(null), VIA))
                        .bind("outcome", cut(r.outcome(), OUTCOME))
                        .bind("detail", cut(r.detail().orElse(null), DETAIL))
                        .bind("bytesUp", r.bytesUp())
                        .bind("bytesDown", r.bytesDown())
                        .bind("durationMs", r.durationMs())
                        .bind("connections", r.connections())
                        .bind("rule", r.rule() == 0 ? null : r.rule())
                        .add();
            }
            batch.execute();
        }));
    }

    @Override
    public List<ConnectionRecord> recent(int limit, Optional<String> deployment) {
        String where = deployment.isPresent() ? " WHERE deployment = :deployment" : "";
        return Sql.translate(() -> jdbi.withHandle(h -> {
            Query q = h.createQuery("SELECT * FROM connection_history" + where
                    + " ORDER BY closed_at DESC, id DESC LIMIT :limit").bind("limit", Math.max(0, limit));
            deployment.ifPresent(d -> q.bind("deployment", d));
            return q.map((rs, ctx) -> record(rs)).list();
        }));
    }

    @Override
    public int pruneBefore(Instant cutoff) {
        return Sql.translate(() -> jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM connection_history WHERE closed_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute()));
    }

    @Override
    public int pruneToNewest(int maxRows) {
        // ids grow with time; the row maxRows places below the newest is the last one kept
        return Sql.translate(() -> jdbi.withHandle(h -> h.createUpdate("DELETE FROM connection_history WHERE id <"
                        + " (SELECT id FROM connection_history ORDER BY id DESC LIMIT 1 OFFSET :keep)")
                .bind("keep", Math.max(0, maxRows - 1))
                .execute()));
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    private static ConnectionRecord record(ResultSet rs) throws SQLException {
        return new ConnectionRecord(rs.getLong("id"), Sql.instant(rs, "closed_at"), rs.getString("deployment"),
                rs.getString("partner"), Sql.optionalString(rs, "target"), Sql.optionalString(rs, "via"),
                rs.getString("outcome"), Sql.optionalString(rs, "detail"), rs.getLong("bytes_up"),
                rs.getLong("bytes_down"), rs.getLong("duration_ms"), rs.getLong("connections"),
                rs.getInt("rule"));
    }
}
