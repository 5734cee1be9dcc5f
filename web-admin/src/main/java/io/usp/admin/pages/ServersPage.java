package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.live.RunningServer.PeerServer;
import java.util.List;

/** The servers sharing this server's database, from the registry: live or gone, and which one answers. */
final class ServersPage {

    private ServersPage() {
    }

    static String render(AdminSession session, List<PeerServer> servers) {
        StringBuilder body = new StringBuilder("<p class=\"muted\">Every server sharing this database registers"
                + " itself and sends a heartbeat every 5 seconds; one silent for 15 seconds is gone.</p>\n");
        body.append("<table id=\"servers\"><thead><tr><th>Name</th><th>Peer address</th><th>State</th>"
                + "<th>Started</th><th>Last heartbeat</th></tr></thead><tbody>\n");
        for (PeerServer s : servers) {
            String name = Html.esc(s.name());
            body.append("<tr id=\"server-").append(name).append("\"><td>").append(name)
                    .append(s.self() ? " <span class=\"muted\">(this server)</span>" : "")
                    .append("</td><td>").append(Html.esc(s.peerAddress()))
                    .append("</td><td id=\"state-").append(name).append("\">").append(s.live() ? "live" : "gone")
                    .append("</td><td>").append(Format.time(s.startedAt()))
                    .append("</td><td>").append(Format.time(s.heartbeatAt())).append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
        return Layout.page("Servers", "/servers", session, body.toString());
    }
}
