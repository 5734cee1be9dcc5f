package io.usp.admin.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.EndpointNotFound;
import io.usp.admin.auth.AccessGuard;
import io.usp.admin.route.DestinationTest;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.yaml.ConfigException;
import org.jdbi.v3.core.JdbiException;

/**
 * Turns typed refusals into answers: JSON {@code {"error", "field"}} on API paths, a short plain
 * page elsewhere (pages show field errors themselves; this is the fallback). A body is one entry,
 * so a refusal names only its field, e.g. {@code field 'listener.port': port 99999 is outside 0..65535}.
 */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage(), e.field()));
        routes.exception(ConfigException.class, (e, ctx) -> answer(ctx, 400, e.problem(), e.field()));
        routes.exception(StoreException.class, (e, ctx) -> answer(ctx, status(e.kind()), e.getMessage(), e.field()));
        // the destination is the body's fault; a tcp deployment has no rules to test
        routes.exception(DestinationTest.Refused.class, (e, ctx) -> answer(ctx, e.problem().status(), e.getMessage(),
                e.problem() == DestinationTest.Problem.BAD_DESTINATION ? "destination" : null));
        // a path no route serves: on the API a JSON error too, not Javalin's plain text
        routes.exception(EndpointNotFound.class, (e, ctx) -> answer(ctx, 404,
                "no route " + ctx.method() + " " + ctx.path(), null));
        // the store cannot be reached (a shared database away): try again later, nothing was changed
        routes.exception(JdbiException.class, (e, ctx) -> {
            if (!StoreUnavailable.is(e)) {
                throw e;
            }
            ctx.header("Retry-After", "5");
            answer(ctx, 503, "the database is unreachable, nothing was changed; try again shortly", null);
        });
    }

    static int status(StoreException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 400;
        };
    }

    private static void answer(Context ctx, int status, String problem, String field) {
        if (AccessGuard.isApi(ctx.path())) {
            ApiJson.error(ctx, status, problem, field);
        } else {
            ctx.status(status).contentType("text/plain; charset=utf-8")
                    .result(ConfigException.message(null, null, field, problem));
        }
    }
}
