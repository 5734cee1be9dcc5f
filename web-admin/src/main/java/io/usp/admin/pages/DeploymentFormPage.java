package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import java.util.ArrayList;
import java.util.List;

/** The create and edit form of a deployment; every input carries its YAML field's name. */
final class DeploymentFormPage {

    private static final List<String[]> MODES = List.of(new String[] {"tcp", "tcp (one fixed target)"},
            new String[] {"connect", "connect (collection: HTTP CONNECT)"},
            new String[] {"socks5", "socks5 (collection: SOCKS5)"},
            new String[] {"ftp", "ftp (session break to one FTP server)"});

    private DeploymentFormPage() {
    }

    /**
     * @param editing     the name of the deployment being edited, or null for a new one
     * @param filterNames the named IP filters to choose from
     * @param clientNames clients seen so far, offered as suggestions
     */
    static String render(AdminSession session, FormFields form, String editing, boolean managedByFile,
                         List<String> filterNames, List<String> clientNames) {
        String action = editing == null ? "/deployments" : "/deployments/" + editing + "/edit";
        String title = editing == null ? "New deployment" : "Edit deployment " + editing;
        List<String[]> filters = new ArrayList<>();
        filters.add(new String[] {"", "(choose)"});
        filterNames.forEach(n -> filters.add(new String[] {n, n}));
        StringBuilder clients = new StringBuilder("<datalist id=\"known-clients\">");
        clientNames.forEach(c -> clients.append("<option value=\"").append(Html.esc(c)).append("\">"));
        clients.append("</datalist>");

        String body = (managedByFile ? "<p class=\"note\" id=\"managed-note\">Managed by server.yaml: the server"
                + " writes the file's version back at its next start.</p>\n" : "")
                + form.formErrors()
                + "<form method=\"post\" action=\"" + Html.esc(action) + "\" id=\"deployment-form\" novalidate>\n"
                + Layout.csrf(session) + "\n"
                // Enter in a field submits the first submit button: let that be Save, not a rules editor step
                + "<button type=\"submit\" class=\"implicit-submit\" tabindex=\"-1\" aria-hidden=\"true\">Save</button>\n"
                + form.text("Name", "name", editing == null ? "required" : "readonly", "letters, digits, '.', '_', '-'")
                + "<fieldset><legend>Listener</legend>\n"
                + form.text("Bind address", "listener.bind", "", "0.0.0.0 listens on every address")
                + form.text("Port", "listener.port", "inputmode=\"numeric\" required", null)
                + "</fieldset>\n<fieldset><legend>IP filter</legend>\n"
                + form.select("Kind", DeploymentForm.MODE, List.of(new String[] {"none", "none (admit everyone)"},
                        new String[] {"named", "a named IP filter"}, new String[] {"inline", "rules of its own"}), null)
                + form.select("Named filter", DeploymentForm.FILTER_NAME, filters, "used when the kind is a named filter")
                + form.textarea("Block", "ipFilter.block", "one address or CIDR per line; checked first")
                + form.textarea("Allow", "ipFilter.allow", "one address or CIDR per line")
                + form.select("Default action", "ipFilter.defaultAction",
                        List.of(new String[] {"block", "block"}, new String[] {"allow", "allow"}),
                        "for addresses no rule matches")
                + "</fieldset>\n<fieldset><legend>Limits (blank: no limit)</legend>\n"
                + form.text("Max connections", "limits.maxConnections", "inputmode=\"numeric\"", null)
                + form.text("Max connections per IP", "limits.maxConnectionsPerIp", "inputmode=\"numeric\"", null)
                + form.text("New connections per second per IP", "limits.newConnectionsPerSecondPerIp",
                        "inputmode=\"numeric\"", null)
                + "</fieldset>\n<fieldset><legend>Route</legend>\n"
                + form.select("Mode", RouteForm.MODE, MODES, null)
                + form.text("Target host", "target.host", "", "modes tcp and ftp")
                + form.text("Target port", "target.port", "inputmode=\"numeric\"", "modes tcp and ftp")
                + form.text("Client", "client", "list=\"known-clients\"", "tcp: blank is direct, the server connects"
                        + " itself; connect and socks5: the client of tunnel rules that name none")
                + clients + "\n"
                + "</fieldset>\n" + RuleEditor.render(form) + FtpForm.render(form)
                + "<fieldset><legend>Behaviour</legend>\n"
                + form.text("Idle timeout", "idleTimeout", "", "e.g. 30m, 1h, 2d")
                + form.select("Start mode", "startMode", List.of(new String[] {"auto", "auto (with the server)"},
                        new String[] {"manual", "manual (an admin starts it)"}), null)
                + form.checkbox("Enabled", "enabled")
                + "</fieldset>\n"
                + "<p class=\"actions\"><button type=\"submit\" id=\"save\">Save</button> "
                + "<a href=\"/deployments\" id=\"cancel\">Cancel</a></p>\n</form>\n";
        return Layout.page(title, "/deployments", session, body);
    }
}
