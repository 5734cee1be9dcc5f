package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.admin.auth.PasswordRules;
import io.usp.deployments.store.AdminStore.AdminUser;
import io.usp.deployments.store.AdminStore.ApiToken;
import java.util.List;
import java.util.Map;

/**
 * The admins page: every admin user (remove button for the others), a form to add one, a form to
 * change your own password, and the API tokens still valid with a button to withdraw each. A
 * password typed into a form is never sent back in a page.
 */
final class AccountsPage {

    static final String PATH = "/admins";

    private AccountsPage() {
    }

    /** The forms' state: what was typed (never a password) and the errors next to the fields. */
    record Forms(FormFields add, FormFields password) {

        static Forms empty() {
            return new Forms(new FormFields(Map.of()), new FormFields(Map.of()));
        }
    }

    static String render(AdminSession session, List<AdminUser> users, List<ApiToken> tokens, Forms forms) {
        String body = users(session, users) + addForm(session, forms.add()) + passwordForm(session, forms.password())
                + tokens(session, tokens);
        return Layout.page("Admins", PATH, session, body);
    }

    private static String users(AdminSession session, List<AdminUser> users) {
        StringBuilder out = new StringBuilder("<table id=\"admins\"><thead><tr><th>Admin</th><th>Added</th>"
                + "<th>Last login</th><th></th></tr></thead><tbody>\n");
        for (AdminUser u : users) {
            String name = Html.esc(u.username());
            boolean you = u.username().equals(session.username());
            out.append("<tr id=\"admin-").append(Html.idPart(u.username())).append("\"><td>").append(name)
                    .append(you ? " <small>(you)</small>" : "").append("</td><td>").append(Format.time(u.createdAt()))
                    .append("</td><td>").append(u.lastLoginAt().map(Format::time).orElse("never")).append("</td><td>")
                    .append(you ? "" : Layout.button(session, PATH + "/" + u.username() + "/remove",
                            "remove-" + Html.idPart(u.username()), "Remove", "danger"))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody></table>\n").toString();
    }

    private static String addForm(AdminSession session, FormFields form) {
        return "<h2>Add an admin</h2>\n<form method=\"post\" action=\"" + PATH + "\" id=\"add-admin-form\">"
                + Layout.csrf(session) + form.formErrors()
                + form.text("Username", "username", "required maxlength=\"63\" autocomplete=\"off\"", null)
                + form.text("Password", "password", passwordAttributes(), "at least " + PasswordRules.MIN_LENGTH
                        + " characters; give it to the new admin by a safe channel")
                + "<button type=\"submit\" id=\"add-admin\">Add admin</button></form>\n";
    }

    private static String passwordForm(AdminSession session, FormFields form) {
        return "<h2>Change your password</h2>\n<form method=\"post\" action=\"" + PATH + "/password\" "
                + "id=\"password-form\">" + Layout.csrf(session) + form.formErrors()
                + form.text("Current password", "currentPassword",
                        "type=\"password\" required autocomplete=\"current-password\"", null)
                + form.text("New password", "newPassword", passwordAttributes(), "at least " + PasswordRules.MIN_LENGTH
                        + " characters; every session and API token of yours ends, this one too")
                + "<button type=\"submit\" id=\"change-password\">Change password</button></form>\n";
    }

    private static String passwordAttributes() {
        return "type=\"password\" required minlength=\"" + PasswordRules.MIN_LENGTH + "\" maxlength=\""
                + PasswordRules.MAX_LENGTH + "\" autocomplete=\"new-password\"";
    }

    private static String tokens(AdminSession session, List<ApiToken> tokens) {
        StringBuilder out = new StringBuilder("<h2>API tokens</h2>\n");
        if (tokens.isEmpty()) {
            return out.append("<p class=\"muted\" id=\"no-tokens\">No API token is valid now.</p>\n").toString();
        }
        out.append("<table id=\"api-tokens\"><thead><tr><th>Id</th><th>Admin</th><th>Issued</th><th>Expires</th>"
                + "<th></th></tr></thead><tbody>\n");
        for (ApiToken t : tokens) {
            out.append("<tr id=\"token-").append(t.id()).append("\"><td>").append(t.id()).append("</td><td>")
                    .append(Html.esc(t.username())).append("</td><td>").append(Format.time(t.createdAt()))
                    .append("</td><td>").append(Format.time(t.expiresAt())).append("</td><td>")
                    .append(Layout.button(session, PATH + "/tokens/" + t.id() + "/withdraw", "withdraw-" + t.id(),
                            "Withdraw", "danger"))
                    .append("</td></tr>\n");
        }
        return out.append("</tbody></table>\n").toString();
    }
}
