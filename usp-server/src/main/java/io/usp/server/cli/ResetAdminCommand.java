package io.usp.server.cli;

import io.usp.admin.auth.AdminPasswords;
import io.usp.admin.auth.FirstAdmin;
import io.usp.admin.auth.GeneratedPassword;
import io.usp.admin.auth.PasswordHasher;
import io.usp.deployments.store.AdminStore;
import io.usp.deployments.store.AdminStore.AdminUser;
import io.usp.deployments.store.Database;
import io.usp.deployments.store.StoreException;
import io.usp.server.config.ServerConfig;
import io.usp.server.config.ServerConfigLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reset-admin --config server.yaml --user admin}: the way back from a lost admin password,
 * for whoever can stop the server and open its files.
 */
@Command(name = "reset-admin",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Set a new password for an admin, on the server machine, while the server is stopped.",
        description = "%nFor a lost admin password. Opens the database in dataDir, which a running server holds "
                + "locked (stop the server first), sets a new password for USER, generated and printed once or "
                + "read from standard input, withdraws every API token of USER and writes the change to the "
                + "audit log. USER's login sessions ended when the server stopped: they live in its memory. "
                + "Exits with 1, having changed nothing, when the database is in use, USER is not an admin "
                + "(the message lists the admins) or the password is refused.%n",
        footerHeading = "%nExamples:%n",
        footer = {"  java -jar usp-server.jar reset-admin --config server.yaml --user admin",
                  "  java -jar usp-server.jar reset-admin --config server.yaml --user alice \\",
                  "      --password-stdin < new-password.txt"})
final class ResetAdminCommand implements Callable<Integer> {

    /** Who the audit log names: no logged-in admin did it. */
    static final String ACTOR = "reset-admin (console)";
    private static final String COMMAND = "reset-admin";

    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "The server's YAML file (for dataDir).")
    Path config;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", defaultValue = FirstAdmin.USERNAME,
            description = "The admin whose password is set (default: ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--password-stdin",
            description = "Take the new password from the first line of standard input instead of generating "
                    + "one: 12 to 256 characters, not the username (the rules of the Admins page).")
    boolean passwordStdin;

    @Override
    public Integer call() throws IOException {
        ServerConfig settings = ServerConfigLoader.load(config);
        try (Database database = OfflineDatabase.openExisting(settings, COMMAND)) {
            requireAdmin(database.admins(), Database.file(settings.dataDir()));
            String password = passwordStdin ? firstLineOfStdin() : GeneratedPassword.next();
            AdminPasswords passwords = new AdminPasswords(database.admins(), database.audit(), Clock.systemUTC(),
                    new PasswordHasher());
            try {
                passwords.set(user, password, ACTOR);
            } catch (StoreException e) {
                if (e.kind() != StoreException.Kind.INVALID) {
                    throw e;
                }
                throw new IllegalArgumentException("the new password is refused: " + e.getMessage()
                        + "; nothing changed", e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(passwordStdin ? "Set the password of admin user '" + user + "' from standard input."
                    : "New password of admin user '" + user + "': " + password + "  (shown only once)");
            out.println("Every API token of '" + user + "' is withdrawn; the audit log names '" + ACTOR
                    + "'. Start the server and log in with the new password.");
            out.flush();
        }
        return 0;
    }

    private void requireAdmin(AdminStore admins, Path file) {
        if (admins.user(user).isPresent()) {
            return;
        }
        List<String> names = admins.users().stream().map(AdminUser::username).toList();
        throw new IllegalArgumentException("there is no admin user '" + user + "' in " + file + (names.isEmpty()
                ? "; there are no admins yet: the server creates '" + FirstAdmin.USERNAME
                        + "' when it starts with the admin server enabled"
                : "; the admins are: " + String.join(", ", names) + " (choose one with --user)"));
    }

    private static String firstLineOfStdin() throws IOException {
        // not closed: closing the reader would close System.in
        String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (line == null) {
            throw new IllegalArgumentException("--password-stdin: standard input is empty; give the new password"
                    + " on its first line; nothing changed");
        }
        return line;
    }
}
