package io.usp.server.dispatch;

import io.usp.deployments.Deployment;
import io.usp.deployments.route.RuleDecision;
import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import io.usp.protocol.relay.Relay;
import io.usp.server.ftp.Transfer;
import io.usp.server.listener.LiveListener;
import io.usp.server.metrics.ServerMetrics;
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
    private final ServerMetrics metrics;
    private final Clock clock;

    public ConnectionReport(Consumer<ConnectionRecord> history, RefusalTally refusals, ServerMetrics metrics,
                            Clock clock) {
        this.history = history;
        this.refusals = refusals;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void accepted(LiveListener listener) {
        listener.stats().countAccepted();
    }

    /** Refused before a destination was chosen: by the IP filter or a limit. */
    public void refused(LiveListener listener, SocketAddress partner, Refusal reason, String detail) {
        refused(listener, partner, Optional.empty(), reason, detail);
    }

    /** Refused; {@code destination} is what the route chose, if it got that far. */
    public void refused(LiveListener listener, SocketAddress partner, Optional<Destination> destination,
                        Refusal reason, String detail) {
        listener.stats().countRefused(reason);
        Deployment d = listener.deployment();
        Optional<String> target = destination.map(t -> t.target().authority())
                .or(() -> d.route().fold(f -> Optional.of(f.target().authority()), c -> Optional.empty(),
                        ftp -> Optional.of(ftp.target().authority())));
        int rule = destination.map(Destination::rule).orElse(0);
        if (d.route().mode().collection() && (destination.isPresent() || reason == Refusal.NO_RULE)) {
            metrics.ruleRefused(d.name(), rule, reason);
        }
        refusals.refused(d.name(), partner, target, rule, reason, detail);
    }

    /** A collection's rules decided a partner's request (allowed or not). */
    public void decided(LiveListener listener, RuleDecision decision) {
        metrics.ruleDecided(listener.deployment().name(), decision.rule(), decision.matched()
                ? decision.action().label() : "none");
    }

    public void abandoned(LiveListener listener, SocketAddress partner, Optional<Destination> destination) {
        String deployment = listener.deployment().name();
        String target = destination.map(t -> t.target().authority()).orElse("");
        ConnectionLog.abandoned(deployment, partner, target);
        history.accept(new ConnectionRecord(0, clock.instant(), deployment, Addresses.text(partner),
                Optional.of(target).filter(t -> !t.isEmpty()), destination.map(Destination::via), "abandoned",
                Optional.of("partner left before the target answered"), 0, 0, 0, 1,
                destination.map(Destination::rule).orElse(0)));
    }

    /** One transfer of an FTP session break, with its user, command, path and final reply in the detail. */
    public void transferred(String deployment, SocketAddress partner, Destination control, Transfer t) {
        String target = control.target().authority();
        ConnectionLog.transferred(deployment, Addresses.text(partner), target, control.via(), t.fromPartner(), t.toPartner(),
                t.duration().toMillis(), t.detail());
        history.accept(new ConnectionRecord(0, clock.instant(), deployment, Addresses.text(partner), Optional.of(target),
                Optional.of(control.via()), t.ok() ? "transfer" : "transfer-failed", Optional.of(t.detail()),
                t.fromPartner(), t.toPartner(), t.duration().toMillis(), 1, 0));
    }

    public void closed(LiveListener listener, SocketAddress partner, Destination destination, Relay.Outcome outcome) {
        listener.stats().relayClosed(outcome.bytesFromFirst(), outcome.bytesFromSecond());
        String deployment = listener.deployment().name();
        String target = destination.target().authority();
        ConnectionLog.closed(deployment, partner, target, destination.via(), destination.rule(), outcome);
        history.accept(new ConnectionRecord(0, clock.instant(), deployment, Addresses.text(partner),
                Optional.of(target), Optional.of(destination.via()), "closed", Optional.of(outcome.reason()),
                outcome.bytesFromFirst(), outcome.bytesFromSecond(), outcome.duration().toMillis(), 1,
                destination.rule()));
    }
}
