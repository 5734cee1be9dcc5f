package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.live.RunningServer.DeploymentStatus;
import io.usp.admin.route.DestinationAnswer;
import io.usp.deployments.Deployment;
import io.usp.deployments.route.CollectionRoute;
import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.route.FtpSettings;
import io.usp.deployments.route.Rule;
import io.usp.deployments.route.RuleAction;
import io.usp.deployments.route.TargetTls;
import io.usp.deployments.store.StoredDeployment;
import io.usp.deployments.yaml.Durations;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** One deployment: its settings, a collection's numbered rules and DNS overrides, and a "test a destination" box. */
final class DeploymentPage {

    /**
     * The answer of the test box.
     *
     * @param answer what the rules decide; empty when {@code error} says why there is none
     */
    record Tested(String destination, Optional<DestinationAnswer> answer, Optional<String> error) {
    }

    private DeploymentPage() {
    }

    static String render(AdminSession session, StoredDeployment stored, Optional<DeploymentStatus> status,
                         Optional<Tested> tested) {
        Deployment d = stored.deployment();
        String name = Html.esc(d.name());
        String body = "<p><a id=\"edit-" + name + "\" href=\"/deployments/" + name + "/edit\">Edit</a> "
                + "<a id=\"delete-" + name + "\" href=\"/deployments/" + name + "/delete\">Delete</a> "
                + "<a href=\"/deployments\">All deployments</a></p>\n"
                + "<dl id=\"deployment-summary\"><dt>State</dt><dd>" + DeploymentCells.state(d.name(), status) + "</dd>"
                + "<dt>Listener</dt><dd>" + DeploymentCells.listener(d, status) + "</dd>"
                + "<dt>Mode</dt><dd id=\"mode\">" + d.route().mode().label() + "</dd>"
                + d.route().fold(DeploymentPage::fixed, DeploymentPage::collectionSummary,
                        ftp -> fixed(ftp.control()) + ftp(ftp.ftp()) + targetTls(ftp.targetTls()))
                + "<dt>IP filter</dt><dd>" + DeploymentCells.filter(d) + "</dd>"
                + "<dt>Idle timeout</dt><dd>" + Html.esc(Durations.format(d.idleTimeout())) + "</dd>"
                + "<dt>Start mode</dt><dd>" + d.startMode().label() + (d.enabled() ? "" : ", disabled") + "</dd>"
                + (stored.managedByFile() ? "<dt>Managed by</dt><dd>server.yaml</dd>" : "") + "</dl>\n"
                + d.route().fold(f -> "", c -> rules(c) + overrides(c) + partners(d.name())
                + testBox(session, d.name(), tested), ftp -> "")
                + tested.flatMap(Tested::error).map(e -> "<p class=\"error\" id=\"error-test\" role=\"alert\">"
                + Html.esc(e) + "</p>\n").orElse("");
        return Layout.page("Deployment " + d.name(), "/deployments", session, body);
    }

    private static String fixed(FixedRoute f) {
        return "<dt>Target</dt><dd id=\"target\">" + Html.esc(f.target().authority()) + "</dd><dt>Via</dt><dd>"
                + f.client().map(c -> "client " + Html.esc(c)).orElse("direct") + "</dd>";
    }

    private static String ftp(FtpSettings s) {
        return "<dt>Passive ports</dt><dd id=\"passive-ports\">" + s.passivePorts() + s.publicAddress()
                .map(a -> " on " + Html.esc(a)).orElse("") + "</dd><dt>TLS toward partners</dt><dd>" + s.tls().label()
                + "</dd><dt>Commands</dt><dd>" + (s.readOnly() ? "read-only" : "all")
                + (s.deniedCommands().isEmpty() ? "" : ", denied: " + Html.esc(String.join(" ",
                s.deniedCommands().stream().sorted().toList()))) + "</dd>";
    }

    private static String targetTls(TargetTls t) {
        return "<dt>FTPS toward the target</dt><dd id=\"target-tls\">" + t.mode().label() + (t.on()
                ? ", CAs: " + t.ca().map(Html::esc).orElse("the JVM's trusted") : "") + "</dd>";
    }

    private static String partners(String name) {
        return "<p><a id=\"partners-link\" href=\"/deployments/" + Html.esc(name) + "/partners\">Partner credentials</a>"
                + " <small>(HTTP Basic and SOCKS5 username/password, optional)</small></p>\n";
    }

    private static String collectionSummary(CollectionRoute c) {
        return "<dt>Client</dt><dd id=\"default-client\">" + c.client().map(Html::esc)
                .orElse("<span class=\"muted\">none: each tunnel rule names its own</span>") + "</dd>";
    }

    /** Table {@code rules}, row {@code rule-N} with N from 1, the number a decision names. */
    private static String rules(CollectionRoute c) {
        if (c.rules().isEmpty()) {
            return "<h2>Rules</h2>\n<p class=\"muted\" id=\"no-rules\">No rules: every destination is refused.</p>\n";
        }
        StringBuilder out = new StringBuilder("<h2>Rules</h2>\n<p class=\"muted\">The first rule that matches decides;"
                + " a destination no rule matches is refused.</p>\n<table id=\"rules\"><thead><tr><th>#</th>"
                + "<th>Action</th><th>Client</th><th>Hosts</th><th>CIDRs</th><th>Ports</th></tr></thead><tbody>\n");
        List<Rule> rules = c.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            String client = r.client().map(Html::esc).orElse(r.action() == RuleAction.TUNNEL
                    ? c.client().map(d -> Html.esc(d) + " <small>(the deployment's)</small>").orElse("") : "");
            out.append("<tr id=\"rule-").append(i + 1).append("\"><td>").append(i + 1).append("</td><td>")
                    .append(r.action().label()).append("</td><td>").append(client).append("</td><td>")
                    .append(codes(r.hosts().stream().map(h -> h.text()).toList())).append("</td><td>")
                    .append(codes(r.cidrs())).append("</td><td>").append(codes(r.ports())).append("</td></tr>\n");
        }
        return out.append("</tbody></table>\n").toString();
    }

    private static String overrides(CollectionRoute c) {
        if (c.dnsOverrides().names().isEmpty()) {
            return "";
        }
        return "<h2>DNS overrides</h2>\n<table id=\"dns-overrides\"><thead><tr><th>Name asked for</th>"
                + "<th>Connected to</th></tr></thead><tbody>\n" + c.dnsOverrides().names().entrySet().stream()
                .map(e -> "<tr><td><code>" + Html.esc(e.getKey()) + "</code></td><td><code>" + Html.esc(e.getValue())
                        + "</code></td></tr>\n").collect(Collectors.joining()) + "</tbody></table>\n";
    }

    /** Input {@code destination}, button {@code test}, answer {@code test-result}. */
    private static String testBox(AdminSession session, String name, Optional<Tested> tested) {
        return "<h2>Test a destination</h2>\n<form class=\"test\" method=\"post\" action=\"/deployments/"
                + Html.esc(name) + "/test\">" + Layout.csrf(session)
                + "<label for=\"destination\">Destination</label> <input id=\"destination\" name=\"destination\""
                + " placeholder=\"db7.internal:5432\" value=\"" + Html.esc(tested.map(Tested::destination).orElse(""))
                + "\"> <button type=\"submit\" id=\"test\" class=\"secondary\">Test</button></form>\n"
                + tested.flatMap(Tested::answer).map(DeploymentPage::answer).orElse("");
    }

    /** Class allow or block; each line {@code test-KEY} ({@link DestinationAnswer.Line}). */
    private static String answer(DestinationAnswer a) {
        return "<dl class=\"decision " + (a.decision().allowed() ? "allow" : "block") + "\" id=\"test-result\">"
                + a.lines().stream().map(l -> "<dt>" + Html.esc(l.label()) + "</dt><dd id=\"test-" + l.key() + "\">"
                + Html.esc(l.text()) + "</dd>").collect(Collectors.joining()) + "</dl>\n";
    }

    private static String codes(List<?> values) {
        return values.isEmpty() ? "<span class=\"muted\">any</span>"
                : values.stream().map(v -> "<code>" + Html.esc(v) + "</code>").collect(Collectors.joining(" "));
    }
}
