package io.usp.protocol.relay;

import io.netty.buffer.ByteBuf;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Moves bytes both ways between two ends with backpressure: an end is read only while the other
 * can take more. A FIN (END_STREAM) on one side becomes a half-close on the other; an abort
 * becomes an abort. When both channels are closed the outcome is reported once.
 */
public final class Relay implements ByteCounts {

    /** Fire this user event on either channel to abort its relay with a reason of your own. */
    public record AbortRequest(String reason) {
    }

    /** How a relay ended: bytes each way, how long it ran, and why it closed. */
    public record Outcome(long bytesFromFirst, long bytesFromSecond, Duration duration, String reason) {
    }

    private static final String COMPLETED = "completed";

    private final RelayEnd first;
    private final RelayEnd second;
    private final Consumer<Outcome> onClose;
    private final Clock clock;
    private final Instant started;
    private volatile long bytesFromFirst;
    private volatile long bytesFromSecond;
    private boolean firstEnded;
    private boolean secondEnded;
    private boolean firstClosed;
    private boolean secondClosed;
    private String reason;

    private Relay(RelayEnd first, RelayEnd second, Clock clock, Instant started, Consumer<Outcome> onClose) {
        this.first = first;
        this.second = second;
        this.clock = clock;
        this.started = started;
        this.onClose = onClose;
    }

    /**
     * Starts relaying between two connected ends whose channels have auto-read off.
     * {@code started} is when the partner connected, so durations include the set-up. Each end
     * joins on its own event loop: a handler added from another thread is skipped by what its
     * channel reads until the loop has run its {@code handlerAdded}, while an {@link EarlyInput}
     * removed from there is gone at once, so what came between would be lost.
     */
    public static Relay start(RelayEnd first, RelayEnd second, Clock clock, Instant started,
                              Consumer<Outcome> onClose) {
        Relay relay = new Relay(first, second, clock, started, onClose);
        for (RelayEnd end : new RelayEnd[] {first, second}) {
            if (end.channel().eventLoop().inEventLoop()) {
                relay.join(end);
            } else {
                end.channel().eventLoop().execute(() -> relay.join(end));
            }
        }
        return relay;
    }

    /** On {@code end}'s loop: its handler joins, what it held arrives, and reading starts. */
    private void join(RelayEnd end) {
        end.channel().pipeline().addLast("relay", new RelayHandler(this, end));
        if (end.channel().pipeline().get(EarlyInput.class) != null) {
            end.channel().pipeline().remove(EarlyInput.class); // hands on what arrived early
        }
        // An end that closed before its handler joined would never report: check after adding.
        if (!end.channel().isActive()) {
            channelClosed(end);
        }
        readMore(end);
    }

    /** Bytes read from the first end so far (any thread). */
    @Override
    public long bytesFromFirst() {
        return bytesFromFirst;
    }

    /** Bytes read from the second end so far (any thread). */
    @Override
    public long bytesFromSecond() {
        return bytesFromSecond;
    }

    RelayEnd other(RelayEnd end) {
        return end == first ? second : first;
    }

    void forward(RelayEnd from, ByteBuf data) {
        if (!other(from).channel().isActive()) {
            // the other side closed after its FIN: what comes for it now has nowhere to go, and a
            // peer that still sends must learn it was cut short, as a reset from a closed socket tells
            data.release();
            abort(other(from).label() + " closed");
            return;
        }
        if (from == first) {
            bytesFromFirst += data.readableBytes();
        } else {
            bytesFromSecond += data.readableBytes();
        }
        other(from).write(data);
    }

    /** After a read batch: push it out, and read more only if the other side can take it. */
    void readComplete(RelayEnd from) {
        RelayEnd to = other(from);
        to.channel().flush();
        if (to.channel().isWritable() || !to.channel().isActive()) {
            readMore(from);
        }
        from.readFlushed();
    }

    /** The other side drained its buffer: resume reading the side that feeds it. */
    void writable(RelayEnd end) {
        readMore(other(end));
    }

    private void readMore(RelayEnd end) {
        boolean ended;
        synchronized (this) {
            ended = end == first ? firstEnded : secondEnded;
        }
        if (!ended) {
            end.channel().read();
        }
    }

    /** {@code from} sent its last byte (FIN or END_STREAM). */
    void inputEnded(RelayEnd from) {
        boolean completed;
        synchronized (this) {
            if (from == first ? firstEnded : secondEnded) {
                return; // ended once already (e.g. END_STREAM on trailers after data)
            }
            if (from == first) {
                firstEnded = true;
            } else {
                secondEnded = true;
            }
            completed = firstEnded && secondEnded;
            if (completed && reason == null) {
                reason = COMPLETED;
            }
        }
        other(from).finish();
        if (completed) {
            first.close();
            second.close();
        }
    }

    /** Abort both sides, e.g. on an idle timeout or an error; the first reason given is kept. */
    void abort(String why) {
        synchronized (this) {
            if (reason == null) {
                reason = why;
            }
        }
        first.abort();
        second.abort();
    }

    /**
     * {@code end} failed (a reset, an error): abort both sides, unless its input had ended. Then
     * only {@code end} goes, and the other side keeps what is on its way to it: a peer that
     * closes at once after its last byte (or TLS close_notify) resets what we still send it.
     */
    void failed(RelayEnd end, String why) {
        boolean ended;
        synchronized (this) {
            ended = end == first ? firstEnded : secondEnded;
        }
        if (ended) {
            end.abort();
        } else {
            abort(why);
        }
    }

    /**
     * {@code end}'s channel is closed: abort the other unless both directions already finished, or
     * {@code end} had ended its input first. Then the other side was told the end (FIN) and keeps
     * what is on its way to it, as when a TLS peer closes right after its close_notify and answering
     * that close_notify meets a closed socket; it is read on, and aborted if it still sends data.
     */
    void channelClosed(RelayEnd end) {
        boolean report;
        boolean abortOther;
        synchronized (this) {
            boolean already = end == first ? firstClosed : secondClosed;
            if (already) {
                return;
            }
            if (end == first) {
                firstClosed = true;
            } else {
                secondClosed = true;
            }
            abortOther = !COMPLETED.equals(reason) && !(end == first ? firstEnded : secondEnded);
            if (reason == null) {
                reason = end.label() + " closed";
            }
            report = firstClosed && secondClosed;
        }
        if (abortOther) {
            other(end).abort();
        } else {
            readMore(other(end)); // its FIN ends the relay; its data would find no one
        }
        if (report) {
            onClose.accept(new Outcome(bytesFromFirst, bytesFromSecond,
                    Duration.between(started, clock.instant()), reason));
        }
    }
}
