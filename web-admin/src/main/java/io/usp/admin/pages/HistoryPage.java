package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Ended partner connections, newest first, optionally of one deployment ({@code ?deployment=NAME});
 * a row of refusals summed over an interval shows their count.
 */
final class HistoryPage {

    static final int LIMIT = 200;

    private HistoryPage() {
    }

    static String render(AdminSession session, List<ConnectionRecord> records, Optional<String> deployment,
                         List<String> deploymentNames) {
        StringBuilder options = new StringBuilder("<option value=\"\">all</option>");
        for (String name : deploymentNames) {
            options.append("<option value=\"").append(Html.esc(name)).append('"')
                    .append(deployment.filter(name::equals).isPresent() ? " selected" : "").append('>')
                    .append(Html.esc(name)).append("</option>");
        }
        StringBuilder body = new StringBuilder("<form method=\"get\" action=\"/history\" class=\"filter\">"
                + "<label for=\"history-deployment\">Deployment</label> <select id=\"history-deployment\""
                + " name=\"deployment\">" + options + "</select> <button type=\"submit\" id=\"show-history\""
                + " class=\"secondary\">Show</button></form>\n");
        body.append("<p class=\"muted\">The latest ").append(LIMIT).append(" entries")
                .append(deployment.map(d -> " of " + Html.esc(d)).orElse("")).append(".</p>\n");
        if (records.isEmpty()) {
            body.append("<p class=\"muted\" id=\"no-history\">Nothing yet.</p>\n");
            return Layout.page("Connection history", "/history", session, body.toString());
        }
        body.append("<table id=\"history\"><thead><tr><th>Closed</th><th>Deployment</th><th>Partner</th><th>Target</th>"
                + "<th>Via</th><th>Rule</th><th>Outcome</th><th>Count</th><th>Detail</th><th>Up</th><th>Down</th><th>Duration</th>"
                + "</tr></thead><tbody>\n");
        for (ConnectionRecord r : records) {
            body.append("<tr id=\"history-").append(r.id()).append("\"><td>").append(Format.time(r.closedAt()))
                    .append("</td><td>").append(Html.esc(r.deployment())).append("</td><td>")
                    .append(Html.esc(r.partner())).append("</td><td>").append(Html.esc(r.target().orElse("")))
                    .append("</td><td>").append(Html.esc(r.via().orElse(""))).append("</td><td class=\"rule\">")
                    .append(r.rule() > 0 ? Integer.toString(r.rule()) : "").append("</td><td class=\"outcome\">")
                    .append(Html.esc(r.outcome())).append("</td><td class=\"count\">").append(r.connections())
                    .append("</td><td>").append(Html.esc(r.detail().orElse("")))
                    .append("</td><td>").append(Format.bytes(r.bytesUp())).append("</td><td>")
                    .append(Format.bytes(r.bytesDown())).append("</td><td>")
                    .append(Format.duration(Duration.ofMillis(r.durationMs()))).append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
        return Layout.page("Connection history", "/history", session, body.toString());
    }
}
