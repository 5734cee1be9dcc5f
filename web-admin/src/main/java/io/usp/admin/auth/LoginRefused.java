package io.usp.admin.auth;

import java.time.Duration;

/** A login (page or API token) that did not succeed, typed so each side answers in its own way. */
public final class LoginRefused extends RuntimeException {

    public enum Reason {
        /** Unknown user or wrong password: the two are not told apart. */
        WRONG_CREDENTIALS,
        /** Too many recent failures for this username from this address. */
        THROTTLED
    }

    private final Reason reason;
    private final Duration retryAfter;

    LoginRefused(Reason reason, Duration retryAfter) {
        super(reason == Reason.THROTTLED
                ? "too many failed logins; try again in " + Math.max(1, retryAfter.toSeconds()) + " seconds"
                : "wrong username or password");
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** Zero unless {@link Reason#THROTTLED}. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
