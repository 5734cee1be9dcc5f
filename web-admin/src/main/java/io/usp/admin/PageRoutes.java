package io.usp.admin;

import io.javalin.config.RoutesConfig;

/**
 * Adds admin pages to the server. The caller passes them to {@link AdminServer#start}, so pages
 * are written apart from the core. Every route added here is a page route: it needs a login
 * session, and changes (POST, PUT, PATCH, DELETE) need the session's CSRF token; read both with
 * {@link io.usp.admin.auth.AdminSession#of}.
 */
@FunctionalInterface
public interface PageRoutes {

    void register(RoutesConfig routes, AdminContext context);
}
