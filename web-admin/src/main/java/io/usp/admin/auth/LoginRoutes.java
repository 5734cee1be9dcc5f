package io.usp.admin.auth;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET/POST /login} and {@code POST /logout}. The login form has no session yet, so its
 * CSRF protection is a double-submit token: a random value in a SameSite=Strict cookie that the
 * form must echo. A page on another site can neither read the cookie nor get the browser to send
 * it, so it cannot log a victim into the attacker's account.
 */
public final class LoginRoutes {

    private final Authenticator authenticator;
    private final SessionStore sessions;
    private final SessionCookies cookies;

    public LoginRoutes(Authenticator authenticator, SessionStore sessions, boolean secureCookies) {
        this.authenticator = authenticator;
        this.sessions = sessions;
        this.cookies = new SessionCookies(secureCookies);
    }

    public void register(RoutesConfig routes) {
        routes.get("/login", ctx -> form(ctx, 200, null));
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
    }

    private void login(Context ctx) {
        if (!RandomTokens.same(ctx.cookie(SessionCookies.LOGIN_CSRF), ctx.formParam(AccessGuard.CSRF_FIELD))) {
            form(ctx, 403, "The login form expired. Please try again.");
            return;
        }
        String user;
        try {
            user = authenticator.authenticate(ctx.formParam("username"), ctx.formParam("password"), ctx.ip(), "login");
        } catch (LoginRefused refused) {
            form(ctx, refused.status(ctx, 401), refused.getMessage());
            return;
        }
        // a fresh id at every login, so an id planted before login is worth nothing
        sessions.invalidate(ctx.cookie(SessionCookies.SESSION));
        SessionStore.Created created = sessions.create(user);
        cookies.set(ctx, SessionCookies.SESSION, created.id());
        cookies.remove(ctx, SessionCookies.LOGIN_CSRF);
        ctx.redirect(localPath(ctx.formParam("next")));
    }

    private void logout(Context ctx) {
        // the guard has checked the session and its CSRF token
        sessions.invalidate(ctx.cookie(SessionCookies.SESSION));
        cookies.remove(ctx, SessionCookies.SESSION);
        ctx.redirect("/login");
    }

    private void form(Context ctx, int status, String message) {
        // Keep the browser's token: a second login page fetched meanwhile (a redirected favicon
        // request, another tab) must not make the form already shown fail as expired.
        String current = ctx.cookie(SessionCookies.LOGIN_CSRF);
        String token = RandomTokens.wellFormed(current) ? current : RandomTokens.next();
        cookies.set(ctx, SessionCookies.LOGIN_CSRF, token);
        String next = ctx.formParam("next") != null ? ctx.formParam("next") : ctx.queryParam("next");
        // a fixed text for a fixed value: nothing from the query string is shown
        String notice = "password".equals(ctx.queryParam("changed"))
                ? "Your password was changed and all your sessions and API tokens ended. Log in with the new password."
                : null;
        ctx.status(status).html(LoginPage.render(token, localPath(next), message, notice));
    }

    /** Only a path on this server, so the login cannot be used to send someone elsewhere. */
    static String localPath(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }
}
