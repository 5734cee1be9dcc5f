package io.usp.admin;

import io.javalin.config.RoutesConfig;
import io.usp.admin.auth.AdminSession;

/** A page for tests: shows who is logged in and the session's CSRF token, and takes a POST. */
final class TestPages implements PageRoutes {

    @Override
    public void register(RoutesConfig routes, AdminContext context) {
        routes.get("/probe", ctx -> {
            AdminSession session = AdminSession.of(ctx);
            ctx.result("user=" + session.username() + "\ncsrf=" + session.csrfToken());
        });
        routes.post("/probe", ctx -> ctx.result("changed by " + AdminSession.of(ctx).username()));
    }
}
