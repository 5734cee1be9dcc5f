package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.live.RunningServer.ClientEnrollment;
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
 * Every client the server has seen, added or revoked, joined with the ones connected now:
 * connected or not, from where, since when, when its certificate expires, whether it is waiting
 * to enroll or revoked. A form adds a client; a button revokes one.
 */
final class ClientsPage {

    /**
     * Certificates this close to expiry are flagged: a running client renews its own when a third
     * of its 30 days is left, so one still this close was not renewed (the client is down, or
     * was refused).
     */
    static final Duration EXPIRES_SOON = Duration.ofDays(10);

    private ClientsPage() {
    }

    static String render(AdminSession session, List<ClientRecord> seen, List<ConnectedClient> connected,
                         List<ClientEnrollment> enrollments, Instant now) {
        return render(session, seen, connected, enrollments, now, Optional.empty(), "");
    }

    /** With {@code error} next to the add form, which keeps {@code name}. */
    static String render(AdminSession session, List<ClientRecord> seen, List<ConnectedClient> connected,
                         List<ClientEnrollment> enrollments, Instant now, Optional<String> error, String name) {
        Map<String, ClientRecord> records = seen.stream()
                .collect(Collectors.toMap(ClientRecord::name, Function.identity(), (a, b) -> a));
        Map<String, ConnectedClient> live = connected.stream()
                .collect(Collectors.toMap(ConnectedClient::name, Function.identity(), (a, b) -> a));
        Map<String, ClientEnrollment> lifecycle = enrollments.stream()
                .collect(Collectors.toMap(ClientEnrollment::name, Function.identity(), (a, b) -> a));
        TreeSet<String> names = new TreeSet<>(records.keySet());
        names.addAll(live.keySet());
        names.addAll(lifecycle.keySet());
        StringBuilder body = new StringBuilder(addForm(session, error, name));
        if (names.isEmpty()) {
            body.append("<p class=\"muted\" id=\"no-clients\">No client has connected yet.</p>\n");
            return Layout.page("Clients", "/clients", session, body.toString());
        }
        body.append("<table id=\"clients\"><thead><tr><th>Client</th><th>Connected</th><th>From</th><th>Since</th>"
                + "<th>First seen</th><th>Certificate expires</th><th>Enrollment</th><th></th></tr></thead><tbody>\n");
        for (String n : names) {
            body.append(row(session, n, Optional.ofNullable(records.get(n)), Optional.ofNullable(live.get(n)),
                    Optional.ofNullable(lifecycle.get(n)), now));
        }
        body.append("</tbody></table>\n");
        return Layout.page("Clients", "/clients", session, body.toString());
    }

    private static String addForm(AdminSession session, Optional<String> error, String name) {
        return "<form method=\"post\" action=\"/clients\" id=\"add-client-form\">" + Layout.csrf(session)
                + "<label for=\"name\">New client</label> <input id=\"name\" name=\"name\" required maxlength=\"63\""
                + " value=\"" + Html.esc(name) + "\"> <button type=\"submit\" id=\"add-client\">Add client</button>"
                + error.map(e -> "<p class=\"error\" id=\"error-name\">" + Html.esc(e) + "</p>").orElse("")
                + "<p class=\"muted\">Gives a one-time enrollment token (valid 24 hours) for the client's machine:"
                + " <code>usp-client enroll --token TOKEN --dir DIR</code>. See docs/enrollment.md.</p></form>\n";
    }

    private static String row(AdminSession session, String name, Optional<ClientRecord> record,
                              Optional<ConnectedClient> live, Optional<ClientEnrollment> lifecycle, Instant now) {
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
                + record.flatMap(ClientRecord::certNotAfter).map(at -> expiry(at, now)).orElse("") + "</td><td id=\"enrollment-"
                + id + "\">" + lifecycle.map(ClientsPage::enrollment).orElse("") + "</td><td>"
                + Layout.button(session, "/clients/" + name + "/revoke", "revoke-" + name, "Revoke", "danger")
                + "</td></tr>\n";
    }

    private static String enrollment(ClientEnrollment e) {
        String revoked = e.revokedAt().map(at -> "<span class=\"error\">revoked " + Format.time(at)
                + e.revokedBy().map(by -> " by " + Html.esc(by)).orElse("") + "</span>").orElse("");
        String pending = e.tokenExpiresAt().map(at -> "waiting to enroll (token expires " + Format.time(at) + ")")
                .orElse("");
        return revoked.isEmpty() || pending.isEmpty() ? revoked + pending : revoked + "<br>" + pending;
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
