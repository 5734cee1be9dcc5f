package io.usp.server.ftp;

import java.util.Locale;
import java.util.Optional;

/** One command line of a partner (RFC 959 §5.3): a verb of letters and an optional argument. */
record FtpCommand(String verb, String argument) {

    static Optional<FtpCommand> parse(String line) {
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        if (verb.length() < 3 || verb.length() > 4 || !verb.chars().allMatch(Character::isLetter)) {
            return Optional.empty();
        }
        return Optional.of(new FtpCommand(verb.toUpperCase(Locale.ROOT), space < 0 ? "" : line.substring(space + 1)));
    }

    /** The line as sent on to the inside server. */
    String wire() {
        return (argument.isEmpty() ? verb : verb + " " + argument) + "\r\n";
    }

    /** For logs: the password of PASS never appears. */
    String logged() {
        return verb.equals("PASS") ? "PASS ****" : Lines.printable(wire().strip());
    }
}
