package io.usp.admin.auth;

import io.usp.deployments.store.AdminStore;
import io.usp.deployments.store.AdminStore.AdminUser;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates user {@code admin} at first start, so a fresh install can be logged into. The password
 * comes from {@code USP_ADMIN_PASSWORD}, or is generated and printed once to the console: it is
 * never logged, and only its hash is stored. Once an admin exists the variable is not read, and a
 * start that has it set says so: otherwise a new value looks like a password that stopped working.
 */
public final class FirstAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(FirstAdmin.class);
    public static final String USERNAME = "admin";
    public static final String PASSWORD_ENV = "USP_ADMIN_PASSWORD";
    private static final String HOW_TO_CHANGE = "To change a password: the Admins page, or, when no admin's is"
            + " known, stop the server and run 'usp-server reset-admin --config server.yaml --user NAME'.";

    private FirstAdmin() {
    }

    /** Returns true when it created the user (there were no admin users before). */
    public static boolean ensure(AdminStore admins, Clock clock, Map<String, String> env, PrintWriter out) {
        return ensure(admins, clock, env, out, new PasswordHasher());
    }

    static boolean ensure(AdminStore admins, Clock clock, Map<String, String> env, PrintWriter out,
                          PasswordHasher hasher) {
        String fromEnv = env.getOrDefault(PASSWORD_ENV, "");
        List<AdminUser> existing = admins.users();
        if (!existing.isEmpty()) {
            if (!fromEnv.isEmpty()) {
                LOG.warn("{} is set but not used: it is read only when the database has no admin user yet, and"
                        + " this one has admin users already ({}). {}", PASSWORD_ENV, names(existing), HOW_TO_CHANGE);
            }
            return false;
        }
        boolean generated = fromEnv.isEmpty();
        String password = generated ? GeneratedPassword.next() : fromEnv;
        admins.createUser(USERNAME, hasher.hash(password), clock.instant());
        if (generated) {
            out.println("Created admin user '" + USERNAME + "' with password: " + password);
            out.println("This password is shown only once. " + HOW_TO_CHANGE);
        } else {
            out.println("Created admin user '" + USERNAME + "' with the password from " + PASSWORD_ENV + ".");
        }
        out.println(PASSWORD_ENV + " is read only now, while the database has no admin user; later starts"
                + " ignore it.");
        out.flush();
        return true;
    }

    private static String names(List<AdminUser> admins) {
        return String.join(", ", admins.stream().map(AdminUser::username).toList());
    }
}
