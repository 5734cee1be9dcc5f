package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.live.RunningServer.LiveConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Open partner connections, oldest first, each with a button that closes it. */
final class ConnectionsPage {

    private ConnectionsPage() {
    }

    static String render(AdminSession session, List<LiveConnection> connections, Instant now) {
        StringBuilder body = new StringBuilder();
        if (connections.isEmpty()) {
            body.append("<p class=\"muted\" id=\"no-connections\">No partner is connected.</p>\n");
            return Layout.page("Live connections", "/connections", session, body.toString());
        }
        body.append("<table id=\"connections\"><thead><tr><th>Id</th><th>Deployment</th><th>Partner</th><th>Target</th>"
                + "<th>Via</th><th>Open for</th><th>From partner</th><th>To partner</th><th></th></tr></thead><tbody>\n");
        for (LiveConnection c : connections) {
            body.append("<tr id=\"connection-").append(c.id()).append("\"><td>").append(c.id()).append("</td><td>")
                    .append(Html.esc(c.deployment())).append("</td><td>").append(Html.esc(c.partner()))
                    .append("</td><td>").append(Html.esc(c.target())).append("</td><td>").append(Html.esc(c.via()))
                    .append("</td><td title=\"since ").append(Format.time(c.openedAt())).append("\">")
                    .append(Format.duration(Duration.between(c.openedAt(), now))).append("</td><td>")
                    .append(Format.bytes(c.bytesFromPartner())).append("</td><td>")
                    .append(Format.bytes(c.bytesToPartner())).append("</td><td>")
                    .append(Layout.button(session, "/connections/" + c.id() + "/close", "close-" + c.id(), "Close",
                            "danger"))
                    .append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
        return Layout.page("Live connections", "/connections", session, body.toString());
    }
}
