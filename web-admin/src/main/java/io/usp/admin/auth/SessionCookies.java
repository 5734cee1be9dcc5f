package io.usp.admin.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * The two cookies of the login flow. Both are HttpOnly and SameSite=Strict, so a page on another
 * site can neither read them nor make the browser send them; Secure when the server speaks HTTPS.
 */
final class SessionCookies {

    static final String SESSION = "usp_session";
    /** Double-submit token of the login form, which has no session to tie a CSRF token to yet. */
    static final String LOGIN_CSRF = "usp_login_csrf";

    private final boolean secure;

    SessionCookies(boolean secure) {
        this.secure = secure;
    }

    void set(Context ctx, String name, String value) {
        // max-age -1: a browser session cookie; the server enforces the real expiry
        ctx.cookie(new Cookie(name, value, "/", -1, secure, true, null, SameSite.STRICT));
    }

    void remove(Context ctx, String name) {
        ctx.cookie(new Cookie(name, "", "/", 0, secure, true, null, SameSite.STRICT));
    }
}
