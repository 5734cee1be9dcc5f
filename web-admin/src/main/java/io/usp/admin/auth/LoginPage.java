package io.usp.admin.auth;

import io.usp.admin.Html;

/** The login form: plain HTML, no script, so it works before anything else is loaded. */
final class LoginPage {

    private LoginPage() {
    }

    /**
     * @param message an error shown above the form, or null
     * @param notice  news that is not an error (a password just changed), or null
     */
    static String render(String csrfToken, String next, String message, String notice) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>USP admin: log in</title>
                <link rel="stylesheet" href="/static/admin.css">
                </head>
                <body class="login">
                <main>
                <h1>USP admin</h1>
                %s<form method="post" action="/login">
                <input type="hidden" name="csrf" value="%s">
                <input type="hidden" name="next" value="%s">
                <label>Username <input name="username" autocomplete="username" required autofocus></label>
                <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">Log in</button>
                </form>
                </main>
                </body>
                </html>
                """.formatted((notice == null ? "" : "<p class=\"notice\" id=\"notice\" role=\"status\">"
                        + Html.esc(notice) + "</p>\n")
                        + (message == null ? "" : "<p class=\"error\" role=\"alert\">" + Html.esc(message) + "</p>\n"),
                Html.esc(csrfToken), Html.esc(next));
    }
}
