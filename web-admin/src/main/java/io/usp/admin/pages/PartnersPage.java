package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.auth.PasswordRules;
import io.usp.deployments.Deployment;
import io.usp.deployments.store.PartnerCredentialStore.PartnerCredential;
import java.util.List;

/**
 * A collection's partner credentials: who may use it (username, when the password was set, a
 * remove button) and a form to add one or give one a new password. Without any, the IP filter
 * alone guards the listener.
 */
final class PartnersPage {

    static final String PATH = "/deployments/{name}/partners";

    private PartnersPage() {
    }

    static String path(String deployment) {
        return "/deployments/" + deployment + "/partners";
    }

    static String render(AdminSession session, Deployment deployment, List<PartnerCredential> partners,
                         FormFields form) {
        boolean collection = deployment.route().mode().collection();
        // without the form (tcp), a refusal of a post made anyway shows above the list
        String body = intro(deployment, collection, partners.isEmpty()) + (collection ? "" : form.formErrors())
                + list(session, deployment.name(), partners) + (collection ? form(session, deployment.name(), form) : "")
                + "<p><a id=\"back-to-deployments\" href=\"/deployments\">Back to deployments</a></p>\n";
        return Layout.page("Partners of " + deployment.name(), "/deployments", session, body);
    }

    private static String intro(Deployment deployment, boolean collection, boolean none) {
        if (!collection) {
            return "<p class=\"note\" id=\"not-a-collection\">Partner credentials are for collections; this"
                    + " deployment is mode " + Html.esc(deployment.route().mode().label()) + ". Credentials kept"
                    + " from when it was a collection apply again if it becomes one.</p>\n";
        }
        return "<p id=\"partners-rule\">" + (none
                ? "No partner credential: the IP filter alone decides who may use this collection."
                : "Every partner must give one of these usernames and its password (HTTP Basic for CONNECT,"
                + " username/password for SOCKS5).")
                + " Credentials cross the network in clear text: keep the IP filter tight as well.</p>\n";
    }

    private static String list(AdminSession session, String deployment, List<PartnerCredential> partners) {
        if (partners.isEmpty()) {
            return "<p class=\"muted\" id=\"no-partners\">No partner credentials.</p>\n";
        }
        StringBuilder out = new StringBuilder("<table id=\"partners\"><thead><tr><th>Username</th>"
                + "<th>Password set</th><th></th></tr></thead><tbody>\n");
        for (PartnerCredential p : partners) {
            String id = Html.idPart(p.username());
            out.append("<tr id=\"partner-").append(id).append("\"><td>").append(Html.esc(p.username()))
                    .append("</td><td>").append(Format.time(p.createdAt())).append("</td><td>")
                    .append(Layout.button(session, path(deployment) + "/" + p.username() + "/remove", "remove-" + id,
                            "Remove", "danger"))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody></table>\n").toString();
    }

    private static String form(AdminSession session, String deployment, FormFields form) {
        return "<h2>Add a partner or set a new password</h2>\n<form method=\"post\" action=\""
                + Html.esc(path(deployment)) + "\" id=\"partner-form\">" + Layout.csrf(session) + form.formErrors()
                + form.text("Username", "username", "required maxlength=\"63\" autocomplete=\"off\"",
                        "an existing username gets the new password")
                + form.text("Password", "password", "type=\"password\" required minlength=\"" + PasswordRules.MIN_LENGTH
                        + "\" maxlength=\"" + PasswordRules.MAX_LENGTH + "\" autocomplete=\"new-password\"",
                        "at least " + PasswordRules.MIN_LENGTH + " characters; only its hash is kept")
                + "<button type=\"submit\" id=\"save-partner\">Save</button></form>\n";
    }
}
