package io.usp.admin.auth;

import io.usp.deployments.store.AdminStore;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.AuditLog.AuditEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks a username and password for the login page and the token endpoint alike. */
public final class Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

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
     * {@code login} or {@code token}); otherwise throws {@link LoginRefused}.
     */
    public String authenticate(String username, String password, String address, String how) {
        String user = username == null ? "" : username.strip();
        Optional<Duration> wait = throttle.waitBeforeNext(user, address);
        if (wait.isPresent()) {
            LOG.warn("admin login for '{}' from {} refused: too many failures", user, address);
            throw new LoginRefused(LoginRefused.Reason.THROTTLED, wait.get());
        }
        Optional<AdminStore.AdminUser> found = user.isEmpty() ? Optional.empty() : admins.user(user);
        String given = password == null ? "" : password;
        boolean ok = hasher.verify(given, found.map(AdminStore.AdminUser::passwordHash).orElse(decoyHash))
                && found.isPresent();
        if (!ok) {
            throttle.failed(user, address);
            LOG.warn("admin login for '{}' from {} failed: wrong username or password", user, address);
            throw new LoginRefused(LoginRefused.Reason.WRONG_CREDENTIALS, Duration.ZERO);
        }
        throttle.succeeded(user, address);
        admins.recordLogin(user, clock.instant());
        audit.record(new AuditEntry(0, clock.instant(), user, how, "admin-user", user, Optional.empty(),
                Optional.empty()));
        LOG.info("admin '{}' logged in from {} ({})", user, address, how);
        return user;
    }
}
