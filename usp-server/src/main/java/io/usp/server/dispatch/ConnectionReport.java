package io.usp.server.dispatch;

import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import io.usp.protocol.relay.Relay;
import io.usp.server.listener.LiveListener;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What follows a partner connection's acceptance, refusal or end, in one place: the listener's
 * counters (which /metrics reads), the log line and the connection history row (refusals summed
 * by {@link RefusalTally}).
 */
public final class ConnectionReport {

    private final Consumer<ConnectionRecord> history;
    private final RefusalTally refusals;
    private final Clock clock;

    public ConnectionReport(Consumer<ConnectionRecord> history, RefusalTally refusals, Clock clock) {
        this.history = history;
        this.refusals = refusals;
        this.clock = clock;
    }

    public void accepted(LiveListener listener) {
        listener.stats().countAccepted();
    }

    public void refused(LiveListener listener, SocketAddress partner, Refusal reason, String detail) {
        listener.stats().countRefused(reason);
        refusals.refused(listener.deployment().name(), partner, listener.deployment().target().authority(), reason,
                detail);
    }

    public void abandoned(LiveListener listener, SocketAddress partner, String target) {
        String deployment = listener.deployment().name();
        ConnectionLog.abandoned(deployment, partner, target);
        history.accept(new ConnectionRecord(0, clock.instant(), deployment, Addresses.text(partner),
                Optional.of(target), Optional.empty(), "abandoned",
                Optional.of("partner left before the target answered"), 0, 0, 0, 1));
    }

    public void closed(LiveListener listener, String deployment, SocketAddress partner, String target, String via,
                       Relay.Outcome outcome) {
        listener.stats().relayClosed(outcome.bytesFromFirst(), outcome.bytesFromSecond());
        ConnectionLog.closed(deployment, partner, target, via, outcome);
        history.accept(new ConnectionRecord(0, clock.instant(), deployment, Addresses.text(partner),
                Optional.of(target), Optional.of(via), "closed", Optional.of(outcome.reason()),
                outcome.bytesFromFirst(), outcome.bytesFromSecond(), outcome.duration().toMillis(), 1));
    }
}
