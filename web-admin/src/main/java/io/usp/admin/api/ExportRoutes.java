package io.usp.admin.api;

import io.javalin.config.RoutesConfig;
import io.usp.admin.AdminContext;

/**
 * {@code GET /api/v1/export}: every IP filter and deployment as the YAML {@code usp-server export}
 * writes, for a server that is running (the command needs the database to itself).
 */
final class ExportRoutes {

    private final AdminContext context;

    ExportRoutes(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/export", ctx -> ctx.contentType("application/yaml; charset=utf-8")
                .result(context.deployments().export().toYaml()));
    }
}
