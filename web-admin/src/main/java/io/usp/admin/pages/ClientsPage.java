package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.live.RunningServer.ConnectedClient;
import io.usp.admin.live.RunningServer.TunnelConnectionInfo;
import io.usp.deployments.store.ClientStore.ClientRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every client the server has seen, joined with the ones connected now: connected or not, from
 * where, since when, and when its certificate expires.
 */
final class ClientsPage {

    /** Certificates this close to expiry are flagged, so there is time to renew them. */
    static final Duration EXPIRES_SOON = Duration.ofDays(30);

    private ClientsPage() {
    }

    static String render(AdminSession session, List<ClientRecord> seen, List<ConnectedClient> connected, Instant now) {
        Map<String, ClientRecord> records = seen.stream()
                .collect(Collectors.toMap(ClientRecord::name, Function.identity(), (a, b) -> a));
        Map<String, ConnectedClient> live = connected.stream()
                .collect(Collectors.toMap(ConnectedClient::name, Function.identity(), (a, b) -> a));
        TreeSet<String> names = new TreeSet<>(records.keySet());
        names.addAll(live.keySet());
        StringBuilder body = new StringBuilder();
        if (names.isEmpty()) {
            body.append("<p class=\"muted\" id=\"no-clients\">No client has connected yet.</p>\n");
            return Layout.page("Clients", "/clients", session, body.toString());
        }
        body.append("<table id=\"clients\"><thead><tr><th>Client</th><th>Connected</th><th>From</th><th>Since</th>"
                + "<th>First seen</th><th>Certificate expires</th></tr></thead><tbody>\n");
        for (String name : names) {
            body.append(row(name, Optional.ofNullable(records.get(name)), Optional.ofNullable(live.get(name)), now));
        }
        body.append("</tbody></table>\n");
        return Layout.page("Clients", "/clients", session, body.toString());
    }

    private static String row(String name, Optional<ClientRecord> record, Optional<ConnectedClient> live, Instant now) {
        String id = Html.esc(name);
        String connected;
        String from;
        String since;
        if (live.isPresent()) {
            List<TunnelConnectionInfo> tunnels = live.get().tunnelConnections();
            connected = "<span class=\"state state-running\">yes</span> <small>(" + tunnels.size() + " tunnel connection"
                    + (tunnels.size() == 1 ? "" : "s") + ")</small>";
            from = tunnels.stream().map(t -> Html.esc(t.remoteAddress())).collect(Collectors.joining("<br>"));
            since = tunnels.stream().map(TunnelConnectionInfo::since).min(Comparator.naturalOrder())
                    .map(Format::time).orElse("");
        } else {
            connected = "<span class=\"state state-stopped\">no</span>";
            from = record.map(r -> Html.esc(r.lastAddress())).orElse("");
            since = record.map(r -> "last seen " + Format.time(r.lastSeenAt())).orElse("");
        }
        return "<tr id=\"client-" + id + "\"><td>" + id + "</td><td id=\"connected-" + id + "\">" + connected
                + "</td><td>" + from + "</td><td>" + since + "</td><td>"
                + record.map(r -> Format.time(r.firstSeenAt())).orElse("") + "</td><td>"
                + record.flatMap(ClientRecord::certNotAfter).map(at -> expiry(at, now)).orElse("") + "</td></tr>\n";
    }

    private static String expiry(Instant notAfter, Instant now) {
        String at = Format.time(notAfter);
        if (!notAfter.isAfter(now)) {
            return "<span class=\"error\">" + at + " (expired)</span>";
        }
        Duration left = Duration.between(now, notAfter);
        return left.compareTo(EXPIRES_SOON) < 0
                ? "<span class=\"warning\">" + at + " (in " + Format.duration(left) + ")</span>" : at;
    }
}
