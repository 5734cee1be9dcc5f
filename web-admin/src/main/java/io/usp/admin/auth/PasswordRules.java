package io.usp.admin.auth;

import io.usp.deployments.store.StoreException;
import java.util.regex.Pattern;

/**
 * What a new admin's (or partner's) name and a new password must be. The password rules follow NIST SP 800-63B:
 * long enough, not the username, no composition rules; the upper bound only keeps one request from
 * costing the server more than a login does.
 */
public final class PasswordRules {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    /** Fits the {@code username} columns; no spaces or markup, so it reads plainly in logs. */
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,62}");

    private PasswordRules() {
    }

    /** INVALID on {@code field} unless {@code username} can name an admin. */
    public static void requireUsername(String username, String field) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new StoreException(StoreException.Kind.INVALID, field, "a username is 1 to 63 letters, digits and"
                    + " '.', '_', '@', '-', starting with a letter or digit");
        }
    }

    /** INVALID on {@code field} unless {@code password} may be {@code username}'s new password. */
    public static void requirePassword(String username, String password, String field) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new StoreException(StoreException.Kind.INVALID, field,
                    "a password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new StoreException(StoreException.Kind.INVALID, field,
                    "a password has at most " + MAX_LENGTH + " characters");
        }
        if (password.strip().equalsIgnoreCase(username)) {
            throw new StoreException(StoreException.Kind.INVALID, field, "the password must not be the username");
        }
    }
}
