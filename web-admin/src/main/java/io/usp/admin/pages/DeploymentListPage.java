package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.live.RunningServer.DeploymentStatus;
import io.usp.admin.live.RunningServer.State;
import io.usp.deployments.Deployment;
import io.usp.deployments.store.StoredDeployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The deployments table: one row per stored deployment with its live state and buttons. */
final class DeploymentListPage {

    private DeploymentListPage() {
    }

    static String render(AdminSession session, List<StoredDeployment> stored, List<DeploymentStatus> statuses) {
        Map<String, DeploymentStatus> byName = statuses.stream()
                .collect(Collectors.toMap(DeploymentStatus::name, Function.identity(), (a, b) -> a));
        StringBuilder body = new StringBuilder("<p><a class=\"button\" id=\"new-deployment\" href=\"/deployments/new\">"
                + "New deployment</a></p>\n");
        if (stored.isEmpty()) {
            body.append("<p class=\"muted\" id=\"no-deployments\">No deployments yet.</p>\n");
            return Layout.page("Deployments", "/deployments", session, body.toString());
        }
        body.append("<table id=\"deployments\"><thead><tr><th>Name</th><th>Listener</th><th>Route</th><th>Via</th>"
                + "<th>IP filter</th><th>State</th><th>Open</th><th>Accepted</th><th>Refused</th><th>Actions</th>"
                + "</tr></thead><tbody>\n");
        for (StoredDeployment s : stored) {
            body.append(row(session, s, Optional.ofNullable(byName.get(s.deployment().name()))));
        }
        body.append("</tbody></table>\n");
        return Layout.page("Deployments", "/deployments", session, body.toString());
    }

    private static String row(AdminSession session, StoredDeployment s, Optional<DeploymentStatus> status) {
        Deployment d = s.deployment();
        String name = Html.esc(d.name());
        String managed = s.managedByFile()
                ? " <span class=\"badge\" id=\"managed-" + name + "\">managed by server.yaml</span>" : "";
        String disabled = d.enabled() ? "" : " <span class=\"badge\">disabled</span>";
        return "<tr id=\"deployment-" + name + "\"><td><a id=\"show-" + name + "\" href=\"/deployments/" + name + "\">"
                + name + "</a>" + managed + disabled + "</td>"
                + "<td>" + DeploymentCells.listener(d, status) + "</td>"
                + "<td>" + DeploymentCells.route(d) + "</td>"
                + "<td>" + DeploymentCells.via(d) + "</td>"
                + "<td>" + DeploymentCells.filter(d) + "</td>"
                + "<td>" + DeploymentCells.state(d.name(), status) + "</td>"
                + "<td id=\"open-" + name + "\">" + status.map(DeploymentStatus::openConnections).orElse(0) + "</td>"
                + "<td id=\"accepted-" + name + "\">" + status.map(DeploymentStatus::accepted).orElse(0L) + "</td>"
                + "<td>" + DeploymentCells.refused("deployment-" + d.name() + "-",
                        status.map(DeploymentStatus::refused).orElse(Map.of())) + "</td>"
                + "<td class=\"actions\">" + buttons(session, d, status) + "</td></tr>\n";
    }

    private static String buttons(AdminSession session, Deployment d, Optional<DeploymentStatus> status) {
        String path = "/deployments/" + d.name();
        State state = status.map(DeploymentStatus::state).orElse(State.STOPPED);
        StringBuilder out = new StringBuilder();
        if (state != State.DISABLED && state != State.RUNNING) {
            out.append(Layout.button(session, path + "/start", "start-" + d.name(), "Start", "secondary"));
        }
        if (state == State.RUNNING || state == State.FAILED) {
            out.append(Layout.button(session, path + "/stop", "stop-" + d.name(), "Stop", "secondary"));
        }
        out.append(" <a id=\"edit-").append(Html.esc(d.name())).append("\" href=\"").append(Html.esc(path))
                .append("/edit\">Edit</a> <a id=\"delete-").append(Html.esc(d.name())).append("\" href=\"")
                .append(Html.esc(path)).append("/delete\">Delete</a>");
        if (d.route().mode().collection()) {
            out.append(" <a id=\"partners-").append(Html.esc(d.name())).append("\" href=\"").append(Html.esc(path))
                    .append("/partners\">Partners</a>");
        }
        return out.toString();
    }
}
