package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.live.RunningServer.ConnectedClient;
import io.usp.admin.live.RunningServer.DeploymentStatus;
import io.usp.admin.live.RunningServer.Totals;
import io.usp.admin.live.RunningServer.TunnelConnectionInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The first page after login: totals, refusals by reason, connected clients with their tunnels, deployments. */
final class DashboardPage {

    private DashboardPage() {
    }

    static String render(AdminSession session, AdminContext context) {
        Totals t = context.server().totals();
        Instant now = context.clock().instant();
        String body = "<section class=\"totals\">"
                + tile("Clients connected", "clients-connected", Integer.toString(t.clientsConnected()))
                + tile("Tunnel connections", "tunnel-connections", Integer.toString(t.tunnelConnections()))
                + tile("Open connections", "open-connections", Integer.toString(t.openConnections()))
                + tile("Accepted", "accepted", Long.toString(t.accepted()))
                + tile("Bytes from partners", "bytes-from-partners", Format.bytes(t.bytesFromPartners()))
                + tile("Bytes to partners", "bytes-to-partners", Format.bytes(t.bytesToPartners()))
                + "</section>\n<h2>Refused, by reason</h2>\n<p id=\"refused\">"
                + DeploymentCells.refused("", t.refusedByReason()) + "</p>\n"
                + clients(context.server().connectedClients(), now)
                + deployments(context.server().deployments());
        return Layout.page("Dashboard", "/dashboard", session, body);
    }

    private static String tile(String label, String id, String value) {
        return "<div class=\"tile\"><span class=\"value\" id=\"" + id + "\">" + Html.esc(value) + "</span>"
                + "<span class=\"label\">" + Html.esc(label) + "</span></div>";
    }

    private static String clients(List<ConnectedClient> clients, Instant now) {
        StringBuilder out = new StringBuilder("<h2>Connected clients</h2>\n");
        if (clients.isEmpty()) {
            return out.append("<p class=\"muted\" id=\"no-clients\">No client is connected.</p>\n").toString();
        }
        out.append("<table id=\"connected-clients\"><thead><tr><th>Client</th><th>Tunnel connection from</th>"
                + "<th>Up for</th><th>Open streams</th></tr></thead><tbody>\n");
        for (ConnectedClient c : clients) {
            List<TunnelConnectionInfo> tunnels = c.tunnelConnections();
            for (int i = 0; i < tunnels.size(); i++) {
                TunnelConnectionInfo tunnel = tunnels.get(i);
                out.append("<tr").append(i == 0 ? " id=\"connected-" + Html.esc(c.name()) + "\"" : "").append("><td>")
                        .append(i == 0 ? Html.esc(c.name()) : "").append("</td><td>")
                        .append(Html.esc(tunnel.remoteAddress())).append("</td><td title=\"since ")
                        .append(Format.time(tunnel.since())).append("\">")
                        .append(Format.duration(Duration.between(tunnel.since(), now))).append("</td><td>")
                        .append(tunnel.openStreams()).append("</td></tr>\n");
            }
        }
        return out.append("</tbody></table>\n").toString();
    }

    private static String deployments(List<DeploymentStatus> deployments) {
        StringBuilder out = new StringBuilder("<h2>Deployments</h2>\n");
        if (deployments.isEmpty()) {
            return out.append("<p class=\"muted\">No deployments yet: <a href=\"/deployments/new\">create one</a>.</p>\n")
                    .toString();
        }
        out.append("<table id=\"dashboard-deployments\"><thead><tr><th>Name</th><th>State</th><th>Port</th>"
                + "<th>Open</th><th>Accepted</th><th>Refused</th><th>In / out</th></tr></thead><tbody>\n");
        for (DeploymentStatus s : deployments) {
            String name = Html.esc(s.name());
            out.append("<tr id=\"dashboard-deployment-").append(name).append("\"><td><a href=\"/deployments/")
                    .append(name).append("/edit\">").append(name).append("</a></td><td>")
                    .append(DeploymentCells.state(s.name(), Optional.of(s))).append("</td><td>")
                    .append(s.port().map(String::valueOf).orElse("")).append("</td><td>").append(s.openConnections())
                    .append("</td><td>").append(s.accepted()).append("</td><td>")
                    .append(DeploymentCells.refused("dashboard-" + s.name() + "-", s.refused())).append("</td><td>")
                    .append(Format.bytes(s.bytesFromPartners())).append(" / ").append(Format.bytes(s.bytesToPartners()))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody></table>\n").toString();
    }
}
