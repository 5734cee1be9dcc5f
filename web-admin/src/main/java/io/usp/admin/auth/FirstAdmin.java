package io.usp.admin.auth;

import io.usp.deployments.store.AdminStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * Creates user {@code admin} at first start, so a fresh install can be logged into. The password
 * comes from {@code USP_ADMIN_PASSWORD}, or is generated and printed once to the console: it is
 * never logged, and only its hash is stored.
 */
public final class FirstAdmin {

    public static final String USERNAME = "admin";
    public static final String PASSWORD_ENV = "USP_ADMIN_PASSWORD";

    private FirstAdmin() {
    }

    /** Returns true when it created the user (there were no admin users before). */
    public static boolean ensure(AdminStore admins, Clock clock, Map<String, String> env, PrintWriter out) {
        return ensure(admins, clock, env, out, new PasswordHasher());
    }

    static boolean ensure(AdminStore admins, Clock clock, Map<String, String> env, PrintWriter out,
                          PasswordHasher hasher) {
        if (!admins.users().isEmpty()) {
            return false;
        }
        String given = env.get(PASSWORD_ENV);
        boolean generated = given == null || given.isEmpty();
        String password = generated ? GeneratedPassword.next() : given;
        admins.createUser(USERNAME, hasher.hash(password), clock.instant());
        if (generated) {
            out.println("Created admin user '" + USERNAME + "' with password: " + password);
            out.println("This password is shown only once; set " + PASSWORD_ENV + " to choose it yourself.");
        } else {
            out.println("Created admin user '" + USERNAME + "' with the password from " + PASSWORD_ENV + ".");
        }
        out.flush();
        return true;
    }
}
