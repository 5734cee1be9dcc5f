package io.usp.admin.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Headers on every answer of the admin server. The pages use no inline script or style and load
 * only {@code /static/}, so the policy can be this strict: injected markup runs no script, the
 * UI cannot be framed (clickjacking), forms post only here, and no page or API answer (which show
 * deployments, addresses and tokens) stays in a browser or proxy cache.
 */
public final class SecurityHeaders implements Handler {

    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    @Override
    public void handle(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        if (!ctx.path().startsWith("/static/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
