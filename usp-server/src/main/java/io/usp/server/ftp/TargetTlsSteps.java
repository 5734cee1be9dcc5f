package io.usp.server.ftp;

import io.usp.deployments.route.FtpSettings;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * The commands that make a session's control connection to the target FTPS after its greeting,
 * each with the one reply that lets the next go: {@code AUTH TLS} (explicit only; TLS starts on
 * its {@code 234}), then {@code PBSZ 0} and {@code PROT P}, so every data connection is protected too.
 */
final class TargetTlsSteps {

    private record Step(String command, int expected) {
    }

    private static final Step AUTH = new Step("AUTH TLS", 234);

    private final ArrayDeque<Step> steps;
    private Step sent;

    private TargetTlsSteps(List<Step> steps) {
        this.steps = new ArrayDeque<>(steps);
    }

    static TargetTlsSteps of(FtpSettings.Tls mode) {
        List<Step> protect = List.of(new Step("PBSZ 0", 200), new Step("PROT P", 200));
        return switch (mode) {
            case OFF -> new TargetTlsSteps(List.of());
            case IMPLICIT -> new TargetTlsSteps(protect);
            case EXPLICIT -> new TargetTlsSteps(List.of(AUTH, protect.get(0), protect.get(1)));
        };
    }

    boolean pending() {
        return !steps.isEmpty();
    }

    /** The next command line to send (CRLF-terminated). */
    String next() {
        sent = steps.poll();
        return sent.command() + "\r\n";
    }

    /** Empty when {@code reply} is the one the sent command needed; otherwise why not. */
    Optional<String> refusal(FtpReply reply) {
        return reply.code() == sent.expected() ? Optional.empty()
                : Optional.of("the target answered " + sent.command() + " with " + reply.code() + " "
                        + Lines.printable(reply.text()));
    }

    /** Whether TLS starts now: the accepted command was {@code AUTH TLS}. */
    boolean tlsStarts() {
        return sent == AUTH;
    }
}
