package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.live.RunningServer.DeploymentStatus;
import io.usp.admin.live.RunningServer.State;
import io.usp.admin.route.RuleText;
import io.usp.deployments.Deployment;
import io.usp.deployments.IpFilter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Cells the deployments list and the dashboard both show: state with the bind error, refusals. */
final class DeploymentCells {

    private DeploymentCells() {
    }

    /** {@code state-NAME} holds the state; {@code bind-error-NAME} the reason a bind failed. */
    static String state(String name, Optional<DeploymentStatus> status) {
        if (status.isEmpty()) {
            return "<span class=\"state\" id=\"state-" + Html.esc(name) + "\">unknown</span>";
        }
        State state = status.get().state();
        String label = Format.lower(state);
        return "<span class=\"state state-" + label + "\" id=\"state-" + Html.esc(name) + "\">" + label + "</span>"
                + status.get().error().map(e -> "<div class=\"error bind-error\" id=\"bind-error-" + Html.esc(name)
                + "\">" + Html.esc(e) + "</div>").orElse("");
    }

    /** One {@code REASON: N} per reason, each with id {@code PREFIX-refused-REASON}. */
    static String refused(String idPrefix, Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "<span class=\"muted\">none</span>";
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(byReason).forEach((reason, count) -> out.append("<span class=\"count\">")
                .append(Html.esc(reason)).append(": <span id=\"").append(Html.esc(idPrefix)).append("refused-")
                .append(Html.idPart(reason)).append("\">").append(count).append("</span></span> "));
        return out.toString();
    }

    static String filter(Deployment d) {
        if (d.ipFilterName().isPresent()) {
            return "<a href=\"/ip-filters#filter-" + Html.esc(d.ipFilterName().get()) + "\">"
                    + Html.esc(d.ipFilterName().get()) + "</a>";
        }
        if (d.ipFilter().equals(IpFilter.ALLOW_ALL)) {
            return "<span class=\"muted\">none</span>";
        }
        IpFilter f = d.ipFilter();
        return "inline <small>(" + f.block().size() + " block, " + f.allow().size() + " allow, default "
                + Format.lower(f.defaultAction()) + ")</small>";
    }

    static String listener(Deployment d, Optional<DeploymentStatus> status) {
        String bound = status.flatMap(DeploymentStatus::port).filter(p -> p != d.listener().port())
                .map(p -> " <small>(bound " + p + ")</small>").orElse("");
        return Html.esc(d.listener().bind()) + ":" + d.listener().port() + bound;
    }

    /** A target, or a collection's mode and its rules numbered ({@code deployment-NAME-rule-N}). */
    static String route(Deployment d) {
        return d.route().fold(f -> Html.esc(f.target().authority()), c -> {
            StringBuilder out = new StringBuilder(Html.esc(c.summary())).append("<ol class=\"rules\">");
            for (int i = 0; i < c.rules().size(); i++) {
                out.append("<li id=\"deployment-").append(Html.esc(d.name())).append("-rule-").append(i + 1).append("\">")
                        .append(Html.esc(RuleText.of(c.rules().get(i), c.client()))).append("</li>");
            }
            return out.append("</ol>").toString();
        }, ftp -> "ftp " + Html.esc(ftp.target().authority()));
    }

    static String via(Deployment d) {
        return d.route().fold(f -> f.client().map(c -> "client " + Html.esc(c)).orElse("direct"),
                c -> "by rule" + c.client().map(name -> " (default client " + Html.esc(name) + ")").orElse(""),
                ftp -> ftp.client().map(c -> "client " + Html.esc(c)).orElse("direct"));
    }
}
