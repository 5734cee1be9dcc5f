package io.usp.admin.ops;

import io.javalin.config.RoutesConfig;
import io.usp.admin.AdminContext;

/** {@code GET /health} for load balancers (open) and {@code GET /metrics} for Prometheus (bearer token). */
public final class OpsRoutes {

    /** The Prometheus text exposition format that {@code scrape()} writes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private OpsRoutes() {
    }

    public static void register(RoutesConfig routes, AdminContext context) {
        routes.get("/health", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
        routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(context.metrics().scrape()));
    }
}
