package io.usp.admin.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.usp.admin.api.ApiJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Runs before every request and denies by default: only the paths in {@link #isPublic} are open.
 * API paths and {@code /metrics} need a bearer token (401 otherwise); every other path is a page
 * and needs a login session (302 to the login page otherwise), and a change to a page also needs
 * the session's CSRF token (403 otherwise). The API takes no cookies, so it needs no CSRF token.
 */
public final class AccessGuard implements Handler {

    public static final String CSRF_FIELD = "csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    static final String API_USER = "usp.apiUser";
    static final String API_TOKEN = "usp.apiToken";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final SessionStore sessions;
    private final ApiTokens tokens;

    public AccessGuard(SessionStore sessions, ApiTokens tokens) {
        this.sessions = sessions;
        this.tokens = tokens;
    }

    /** Reachable without a login: health checks, the login form, static assets, the token endpoint. */
    public static boolean isPublic(String path) {
        String p = normalized(path);
        return p.equals("/health") || p.equals("/login") || p.startsWith("/static/") || p.equals("/api/v1/auth/token");
    }

    /** Needs a bearer token rather than a session. */
    public static boolean isApi(String path) {
        String p = normalized(path);
        return p.equals("/api") || p.startsWith("/api/") || p.equals("/metrics");
    }

    @Override
    public void handle(Context ctx) {
        String path = ctx.path();
        if (isPublic(path)) {
            return;
        }
        if (isApi(path)) {
            requireToken(ctx);
        } else {
            requireSession(ctx);
        }
    }

    /** The admin a bearer token belongs to, for API handlers (behind this guard). */
    public static String apiUser(Context ctx) {
        String user = ctx.attribute(API_USER);
        if (user == null) {
            throw new IllegalStateException("no API user on " + ctx.path() + ": the route is not behind the guard");
        }
        return user;
    }

    /** The bearer token of an API request (behind this guard), e.g. to withdraw it. */
    public static String apiToken(Context ctx) {
        apiUser(ctx);
        return ctx.attribute(API_TOKEN);
    }

    private void requireToken(Context ctx) {
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
        Optional<String> user = tokens.user(token);
        if (user.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            ApiJson.error(ctx, 401, token == null
                    ? "missing bearer token: get one from POST /api/v1/auth/token"
                    : "invalid or expired bearer token", null);
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.attribute(API_USER, user.get());
        ctx.attribute(API_TOKEN, token);
    }

    private void requireSession(Context ctx) {
        Optional<AdminSession> session = sessions.use(ctx.cookie(SessionCookies.SESSION));
        if (session.isEmpty()) {
            boolean safe = SAFE.contains(ctx.method());
            String next = ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
            ctx.redirect(safe ? "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8) : "/login");
            ctx.skipRemainingHandlers();
            return;
        }
        if (!SAFE.contains(ctx.method())) {
            String given = ctx.header(CSRF_HEADER) != null ? ctx.header(CSRF_HEADER) : ctx.formParam(CSRF_FIELD);
            if (!RandomTokens.same(session.get().csrfToken(), given)) {
                ctx.status(403).contentType("text/plain; charset=utf-8")
                        .result("Forbidden: this form is missing its CSRF token or it is stale; reload the page and try again.");
                ctx.skipRemainingHandlers();
                return;
            }
        }
        ctx.attribute(AdminSession.ATTRIBUTE, session.get());
    }

    // Javalin ignores a trailing slash when matching, so /health/ must be classed as /health
    private static String normalized(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
