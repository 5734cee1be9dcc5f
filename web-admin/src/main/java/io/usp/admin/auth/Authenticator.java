package io.usp.admin.auth;

import io.usp.deployments.store.AdminStore;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.AuditLog.AuditEntry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a username and password for the login page and the token endpoint alike. */
public final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    /** Who the audit log names for a lock: no admin did it. */
    static final String AUDIT_ACTOR = "login-throttle";

    private final AdminStore admins;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    // checked when the user is unknown, so a wrong username takes as long as a wrong password
    private final String decoyHash;

    public Authenticator(AdminStore admins, AuditLog audit, Clock clock, PasswordHasher hasher) {
        this.admins = admins;
        this.audit = audit;
        this.clock = clock;
        this.hasher = hasher;
        this.throttle = new LoginThrottle(clock);
        this.decoyHash = hasher.hash(RandomTokens.next());
    }

    /**
     * Returns the username when the password is right, recording the login ({@code how} is
     * {@code login} or {@code token}); otherwise throws {@link LoginRefused}. Nothing here logs the
     * password, nor a username that matches no admin: that is often a password typed one field early.
     */
    public String authenticate(String username, String password, String address, String how) {
        String user = check(username, password, address, how);
        admins.recordLogin(user, clock.instant());
        audit.record(new AuditEntry(0, clock.instant(), user, how, "admin-user", user, Optional.empty(),
                Optional.empty()));
        LOG.info("admin '{}' logged in from {} ({})", user, address, how);
        return user;
    }

    /**
     * Asks a logged-in admin for its password again before a change that needs it (a new password):
     * a stolen session or token alone must not be enough to lock the owner out. Throttled like a
     * login, so the form cannot be used to guess; a success is not a login and is not recorded.
     */
    public void confirm(String username, String password, String address) {
        check(username, password, address, "password confirmation");
    }

    private String check(String username, String password, String address, String how) {
        String user = username == null ? "" : username.strip();
        Optional<AdminStore.AdminUser> found = user.isEmpty() ? Optional.empty() : admins.user(user);
        String shown = found.isPresent() ? "'" + user + "'" : "an unknown username";
        Optional<LoginThrottle.Lock> lock = throttle.lockOn(user, address);
        if (lock.isPresent()) {
            LOG.warn("admin login for {} from {} ({}) refused: {} locked until {}", shown, address, how,
                    lock.get().scope() == LoginThrottle.Scope.ADDRESS ? "address" : "username", lock.get().until());
            throw LoginRefused.locked(lock.get(), clock.instant());
        }
        String given = password == null ? "" : password;
        boolean ok = hasher.verify(given, found.map(AdminStore.AdminUser::passwordHash).orElse(decoyHash))
                && found.isPresent();
        if (!ok) {
            List<LoginThrottle.Lock> started = throttle.failed(user, address);
            LOG.warn("admin login for {} from {} ({}) failed: wrong username or password", shown, address, how);
            started.forEach(l -> locked(l, found.isPresent() ? user : "(unknown username)", address));
            throw LoginRefused.wrongCredentials();
        }
        throttle.succeeded(user, address);
        return user;
    }

    /** A lock starts: logged and audited once, naming an address or a known username only. */
    private void locked(LoginThrottle.Lock lock, String username, String address) {
        boolean byAddress = lock.scope() == LoginThrottle.Scope.ADDRESS;
        String subject = byAddress ? address : username;
        LOG.warn("admin logins {} {} locked until {}: {} failures within {} min", byAddress ? "from" : "for",
                subject, lock.until(), LoginThrottle.MAX_FAILURES, LoginThrottle.WINDOW.toMinutes());
        audit.record(new AuditEntry(0, clock.instant(), AUDIT_ACTOR, "lock",
                byAddress ? "login-address" : "login-username", subject, Optional.empty(),
                Optional.of("{\"until\":\"" + lock.until() + "\"}")));
    }
}
