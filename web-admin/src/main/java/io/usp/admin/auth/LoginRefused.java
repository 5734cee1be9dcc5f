package io.usp.admin.auth;

import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A login (page or API token) that did not succeed, typed so each side answers in its own way. */
public final class LoginRefused extends RuntimeException {

    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public enum Reason {
        /** Unknown user or wrong password: the two are not told apart. */
        WRONG_CREDENTIALS,
        /** Too many recent failures from this address or for this username: locked for a while. */
        THROTTLED
    }

    private final Reason reason;
    private final Duration retryAfter;

    private LoginRefused(Reason reason, Duration retryAfter, String message) {
        super(message);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    static LoginRefused wrongCredentials() {
        return new LoginRefused(Reason.WRONG_CREDENTIALS, Duration.ZERO, "wrong username or password");
    }

    /** Says what is locked and when to try again, as a time and as a wait. */
    static LoginRefused locked(LoginThrottle.Lock lock, Instant now) {
        Duration wait = Duration.between(now, lock.until());
        String what = lock.scope() == LoginThrottle.Scope.ADDRESS ? "from your address" : "for this username";
        return new LoginRefused(Reason.THROTTLED, wait, "too many failed logins " + what
                + "; logins are locked until " + CLOCK_TIME.format(lock.until()) + ", try again in " + inWords(wait));
    }

    private static String inWords(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        if (seconds < 120) {
            return seconds + " seconds";
        }
        return (seconds + 59) / 60 + " minutes";
    }

    /**
     * The status to answer with: 429 with a {@code Retry-After} header when logins are locked,
     * else {@code wrong} (401 for a login, 403 for a password confirmation).
     */
    public int status(Context ctx, int wrong) {
        if (reason != Reason.THROTTLED) {
            return wrong;
        }
        ctx.header("Retry-After", Long.toString(Math.max(1, retryAfter.toSeconds())));
        return 429;
    }

    public Reason reason() {
        return reason;
    }

    /** Zero unless {@link Reason#THROTTLED}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
