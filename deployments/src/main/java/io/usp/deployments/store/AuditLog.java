package io.usp.deployments.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every admin change: who, what, the entry before and after (JSON), when. */
public interface AuditLog {

    /**
     * @param actor       an admin's username, or {@code server.yaml} / {@code import}
     * @param action      e.g. {@code create}, {@code update}, {@code delete}, {@code start}, {@code stop}, {@code close}
     * @param subjectKind e.g. {@code deployment}, {@code ip-filter}, {@code connection}, {@code admin-user}
     * @param before      the entry as JSON before the change; empty on create
     * @param after       the entry as JSON after; empty on delete
     */
    record AuditEntry(long id, Instant at, String actor, String action, String subjectKind, String subjectName,
                      Optional<String> before, Optional<String> after) {
    }

    /** Records one change; the id of {@code entry} is ignored and assigned. */
    void record(AuditEntry entry);

    /** Newest first. */
    List<AuditEntry> recent(int limit);
}
