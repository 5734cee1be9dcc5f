package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import java.util.List;

/** The frame every page shares: head, the nav, who is logged in and the logout button. */
final class Layout {

    /** Nav entries: path and label; the id of each link is {@code nav-} plus the path without '/'. */
    private static final List<String[]> NAV = List.of(
            new String[] {"/dashboard", "Dashboard"},
            new String[] {"/deployments", "Deployments"},
            new String[] {"/ip-filters", "IP filters"},
            new String[] {"/clients", "Clients"},
            new String[] {"/connections", "Connections"},
            new String[] {"/history", "History"},
            new String[] {"/audit", "Audit"},
            new String[] {"/servers", "Servers"},
            new String[] {"/admins", "Admins"});

    private Layout() {
    }

    /**
     * @param active the nav path this page belongs to, e.g. {@code /deployments}
     * @param body   already escaped HTML
     */
    static String page(String title, String active, AdminSession session, String body) {
        StringBuilder nav = new StringBuilder();
        for (String[] entry : NAV) {
            nav.append("<a id=\"nav-").append(entry[0].substring(1)).append("\" href=\"").append(entry[0]).append('"')
                    .append(entry[0].equals(active) ? " class=\"active\" aria-current=\"page\"" : "")
                    .append('>').append(entry[1]).append("</a>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · USP admin</title>
                <link rel="stylesheet" href="/static/admin.css">
                </head>
                <body>
                <header>
                <span class="brand">USP admin</span>
                <nav>
                %s</nav>
                <form class="logout" method="post" action="/logout">%s<span id="username">%s</span> <button id="logout" type="submit">Log out</button></form>
                </header>
                <main>
                <h1>%s</h1>
                %s</main>
                </body>
                </html>
                """.formatted(Html.esc(title), nav, csrf(session), Html.esc(session.username()), Html.esc(title), body);
    }

    /** The hidden CSRF field every POST form carries. */
    static String csrf(AdminSession session) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + Html.esc(session.csrfToken()) + "\">";
    }

    /** A one-button form that POSTs to {@code action}; {@code id} and {@code label} are code constants or escaped. */
    static String button(AdminSession session, String action, String id, String label, String cssClass) {
        return "<form class=\"inline\" method=\"post\" action=\"" + Html.esc(action) + "\">" + csrf(session)
                + "<button type=\"submit\" id=\"" + Html.esc(id) + "\" class=\"" + cssClass + "\">" + Html.esc(label)
                + "</button></form>";
    }
}
