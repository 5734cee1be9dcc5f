package io.usp.client.cli;

import io.usp.client.enroll.EnrollFailed;
import io.usp.client.enroll.Enrollment;
import io.usp.protocol.enroll.EnrollmentToken;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code enroll --token TOKEN --dir DIR}: becomes a client of the server that issued the token. */
@Command(name = "enroll",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        header = "Enroll this machine as a client, with a one-time token from the server's admin.",
        description = "%nMakes a key pair here (the private key never leaves this machine), checks that the "
                + "server is the one the token names (by its CA's fingerprint) before sending anything, and asks "
                + "it for a certificate. Writes DIR/NAME.key (owner-only), DIR/NAME.crt, DIR/ca.crt and "
                + "DIR/client.yaml. The allow-list in client.yaml is empty: the client refuses every target "
                + "until you add rules. See docs/enrollment.md.%n")
final class EnrollCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--token"}, required = true, paramLabel = "TOKEN",
            description = "The one-time enrollment token (usp1.…) the admin gave you; valid once, for 24 hours.")
    String token;

    @Option(names = {"-d", "--dir"}, required = true, paramLabel = "DIR",
            description = "Folder to write the key, certificates and client.yaml to; created owner-only if missing.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        EnrollmentToken parsed;
        try {
            parsed = EnrollmentToken.parse(token);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--token: " + e.getMessage());
        }
        Enrollment.Written written;
        try {
            written = Enrollment.enroll(parsed, dir.toAbsolutePath().normalize());
        } catch (EnrollFailed e) {
            throw new IllegalStateException("enrollment failed: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Enrolled as client '" + written.name() + "' with " + written.host() + ":" + written.port() + ":");
        out.println("  " + written.key() + "  private key, owner-only; it never left this machine");
        out.println("  " + written.cert() + "  certificate (renewed automatically while the client runs)");
        out.println("  " + written.ca() + "  the server's CA");
        out.println("  " + written.config() + "  configuration");
        out.println();
        out.println("The allow-list in client.yaml is EMPTY: this client refuses every target the server asks for");
        out.println("until you add 'allow:' rules for the targets it may reach (docs/configuration.md, \"allow[]\").");
        out.println();
        out.println("Then run: java -jar usp-client.jar run --config " + written.config());
        out.flush();
        return 0;
    }
}
