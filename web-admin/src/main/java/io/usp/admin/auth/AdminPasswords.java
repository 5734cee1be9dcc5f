package io.usp.admin.auth;

import io.usp.deployments.store.AdminStore;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.AuditLog.AuditEntry;
import java.time.Clock;
import java.util.Optional;

/**
 * Sets an admin's password: checked against {@link PasswordRules}, stored as a hash, every API
 * token of that admin withdrawn in the same transaction, audited. The caller has settled who may:
 * the Admins page asks the acting admin for its own password, {@code reset-admin} runs on the
 * server machine with the database's files. Login sessions are the running admin server's to end.
 */
public final class AdminPasswords {

    private final AdminStore admins;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher hasher;

    public AdminPasswords(AdminStore admins, AuditLog audit, Clock clock, PasswordHasher hasher) {
        this.admins = admins;
        this.audit = audit;
        this.clock = clock;
        this.hasher = hasher;
    }

    /** INVALID (field {@code newPassword}) when the rules refuse it, NOT_FOUND for an unknown user. */
    public void set(String username, String newPassword, String actor) {
        PasswordRules.requirePassword(username, newPassword, "newPassword");
        admins.changePassword(username, hasher.hash(newPassword));
        audit.record(new AuditEntry(0, clock.instant(), actor, "password", AdminAccounts.USER, username,
                Optional.empty(), Optional.empty()));
    }
}
