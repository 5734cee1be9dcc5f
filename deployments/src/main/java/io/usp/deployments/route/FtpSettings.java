package io.usp.deployments.route;

import io.usp.deployments.PortRange;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The partner-facing side of an FTP session break.
 *
 * @param passivePorts   DMZ ports for partners' passive data connections
 * @param publicAddress  put in PASV replies; empty: the address the partner reached
 * @param certificate    the partner-facing certificate and key (PEM files) for FTPS
 * @param readOnly       refuse the commands that change files
 * @param deniedCommands more commands refused with 550, upper case
 */
public record FtpSettings(PortRange passivePorts, Optional<String> publicAddress, Tls tls,
                          Optional<Certificate> certificate, boolean readOnly, Set<String> deniedCommands) {

    public enum Tls {
        OFF, EXPLICIT, IMPLICIT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Tls parse(String text) {
            for (Tls t : values()) {
                if (t.label().equals(text)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not one of off, explicit, implicit");
        }
    }

    /** PEM files: absolute paths, or relative to the server's working folder. */
    public record Certificate(String cert, String key) {
    }

    public FtpSettings {
        publicAddress.ifPresent(a -> {
            if (!a.matches("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}")) {
                throw new IllegalArgumentException("publicAddress '" + a + "' must be an IPv4 address: PASV replies"
                        + " carry nothing else");
            }
        });
        if (tls != Tls.OFF && certificate.isEmpty()) {
            throw new IllegalArgumentException("tls " + tls.label() + " needs a certificate (cert and key)");
        }
        deniedCommands = deniedCommands.stream().map(c -> c.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        for (String c : deniedCommands) {
            if (!c.matches("[A-Z]{3,4}")) {
                throw new IllegalArgumentException("'" + c + "' is not an FTP command (3 or 4 letters)");
            }
        }
    }
}
