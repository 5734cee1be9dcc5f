package io.usp.admin.auth;

import io.javalin.http.Context;
import java.time.Instant;

/**
 * The logged-in admin of a page request, set by the page guard before any page handler runs.
 *
 * @param csrfToken goes into every form as the hidden field {@code csrf}
 * @param expiresAt when the session ends unless used again (idle or absolute limit, whichever is first)
 */
public record AdminSession(String username, String csrfToken, Instant expiresAt) {

    static final String ATTRIBUTE = "usp.adminSession";

    public AdminSession {
        if (username == null || csrfToken == null || expiresAt == null) {
            throw new IllegalArgumentException("username, csrfToken and expiresAt are required");
        }
    }

    /** The session of a page request; fails on a route that is not behind the page guard (a bug). */
    public static AdminSession of(Context ctx) {
        AdminSession session = ctx.attribute(ATTRIBUTE);
        if (session == null) {
            throw new IllegalStateException("no admin session on " + ctx.path() + ": the route is not behind the page guard");
        }
        return session;
    }
}
