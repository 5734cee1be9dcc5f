package io.usp.server.ftp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One transfer command of a session, between the command and its report: it waits for both the
 * inside server's final reply and, if the transfer went on, the end of its data connection,
 * then reports once. Used on the session's loop.
 */
final class TransferRun {

    private final String user;
    private final String command;
    private final String path;
    private final Clock clock;
    private final Instant started;
    private final Consumer<Transfer> report;
    private FtpReply reply;
    private long toPartner = -1;
    private long fromPartner;
    private boolean reported;

    TransferRun(String user, String command, String path, Clock clock, Consumer<Transfer> report) {
        this.user = user;
        this.command = command;
        this.path = path;
        this.clock = clock;
        this.started = clock.instant();
        this.report = report;
    }

    void replied(FtpReply last) {
        reply = last;
        done();
    }

    void dataEnded(long toPartner, long fromPartner) {
        this.toPartner = toPartner;
        this.fromPartner = fromPartner;
        done();
    }

    private void done() {
        if (reported || reply == null || (toPartner < 0 && reply.positive())) {
            return;
        }
        reported = true;
        report.accept(new Transfer(user, command, path, Math.max(toPartner, 0), fromPartner,
                Duration.between(started, clock.instant()), reply.code() + " " + Lines.printable(reply.text()),
                reply.code() == 226 || reply.code() == 250));
    }
}
