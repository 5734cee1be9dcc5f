package io.usp.admin.auth;

import io.usp.admin.api.ApiJson;
import io.usp.deployments.store.AdminStore;
import io.usp.deployments.store.AdminStore.AdminUser;
import io.usp.deployments.store.AdminStore.ApiToken;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.StoreException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin users and their API tokens, for the pages and the API alike: add an admin, remove one,
 * set a password (which ends that admin's sessions and withdraws its tokens), list and withdraw
 * tokens. All admins have the same powers. Every change is logged and audited; no password or
 * token is ever written anywhere.
 */
public final class AdminAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAccounts.class);
    static final String USER = "admin-user";
    static final String TOKEN = "api-token";

    private final AdminStore admins;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final Authenticator authenticator;
    private final SessionStore sessions;
    private final AdminPasswords passwords;

    public AdminAccounts(AdminStore admins, AuditLog audit, Clock clock, PasswordHasher hasher,
                         Authenticator authenticator, SessionStore sessions) {
        this.admins = admins;
        this.audit = audit;
        this.clock = clock;
        this.hasher = hasher;
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.passwords = new AdminPasswords(admins, audit, clock, hasher);
    }

    public List<AdminUser> users() {
        return admins.users();
    }

    /** The API tokens still valid, oldest first (ids only: a token is never stored). */
    public List<ApiToken> tokens() {
        return admins.tokens(clock.instant());
    }

    /** A new admin; INVALID for a bad username or password, CONFLICT when the name is taken. */
    public void add(String username, String password, String actor) {
        PasswordRules.requireUsername(username, "username");
        PasswordRules.requirePassword(username, password, "password");
        admins.createUser(username, hasher.hash(password), clock.instant());
        audit(actor, "create", USER, username, Optional.empty(), Optional.of(user(username)));
        LOG.info("admin user '{}' added by '{}'", username, actor);
    }

    /**
     * Removes an admin, ends its sessions and withdraws its tokens. An admin cannot remove itself
     * (CONFLICT), so one always remains who can log in.
     */
    public void remove(String username, String actor) {
        if (username.equals(actor)) {
            throw new StoreException(StoreException.Kind.CONFLICT, "username",
                    "you cannot remove the admin you are logged in as; another admin can");
        }
        admins.deleteUser(username);
        int ended = sessions.endAll(username);
        audit(actor, "delete", USER, username, Optional.of(user(username)), Optional.empty());
        LOG.info("admin user '{}' removed by '{}' ({} session(s) ended, tokens withdrawn)", username, actor, ended);
    }

    /**
     * Sets {@code username}'s password, after {@code actor} typed its own current password again
     * ({@link LoginRefused} when wrong or locked). Every session and API token of {@code username}
     * ends, the actor's own included when it changes its own: the old password may have leaked.
     */
    public void setPassword(String username, String newPassword, String actor, String actorPassword,
                            String address) {
        authenticator.confirm(actor, actorPassword, address);
        passwords.set(username, newPassword, actor);
        int ended = sessions.endAll(username);
        LOG.info("password of admin user '{}' changed by '{}' from {} ({} session(s) ended, tokens withdrawn)",
                username, actor, address, ended);
    }

    /** Withdraws one API token; NOT_FOUND when there is no such token (withdrawn or pruned already). */
    public void withdrawToken(long id, String actor) {
        ApiToken token = admins.deleteToken(id).orElseThrow(() -> StoreException.notFound("API token " + id));
        audit(actor, "withdraw", TOKEN, Long.toString(id), Optional.of(ApiJson.object()
                .put("username", token.username()).put("expiresAt", token.expiresAt().toString()).toString()),
                Optional.empty());
        LOG.info("API token {} of '{}' withdrawn by '{}'", id, token.username(), actor);
    }

    private static String user(String username) {
        return ApiJson.object().put("username", username).toString();
    }

    private void audit(String actor, String action, String kind, String name, Optional<String> before,
                       Optional<String> after) {
        audit.record(new AuditEntry(0, clock.instant(), actor, action, kind, name, before, after));
    }
}
