package io.usp.admin.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AccessGuard;
import io.usp.admin.live.RunningServer.NewClient;

/**
 * Adding a client (its one-time enrollment token) and revoking one. Listing clients is in
 * {@link LiveRoutes}, with what is connected now.
 */
final class ClientRoutes {

    private final AdminContext context;

    ClientRoutes(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/v1/clients", ctx -> {
            ObjectNode body = ApiJson.body(ctx);
            String name = ApiJson.requiredText(body, "name");
            ApiJson.onlyFields(body, "{\"name\"}", "name");
            NewClient added = context.actions().addClient(name, AccessGuard.apiUser(ctx));
            ApiJson.send(ctx, 201, ApiJson.object().put("name", added.name()).put("token", added.token())
                    .put("expiresAt", added.expiresAt().toString()));
        });
        routes.post("/api/v1/clients/{name}/revoke", ctx -> {
            context.actions().revokeClient(ctx.pathParam("name"), AccessGuard.apiUser(ctx));
            ctx.status(204);
        });
    }
}
