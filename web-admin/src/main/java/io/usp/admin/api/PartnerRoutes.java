package io.usp.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AccessGuard;
import io.usp.deployments.store.PartnerCredentialStore.PartnerCredential;

/**
 * {@code /api/v1/deployments/{name}/partners}: a collection's partner credentials. A password
 * goes in and is never answered; the list holds usernames and when each password was set.
 */
final class PartnerRoutes {

    private static final String PATH = "/api/v1/deployments/{name}/partners";

    private final AdminContext context;

    PartnerRoutes(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get(PATH, this::list);
        routes.put(PATH + "/{username}", this::put);
        routes.delete(PATH + "/{username}", ctx -> {
            context.partnerCredentials().remove(ctx.pathParam("name"), ctx.pathParam("username"),
                    AccessGuard.apiUser(ctx));
            ctx.status(204);
        });
    }

    private void list(Context ctx) {
        ArrayNode partners = ApiJson.MAPPER.createArrayNode();
        for (PartnerCredential p : context.partnerCredentials().list(ctx.pathParam("name"))) {
            partners.addObject().put("username", p.username()).put("created", p.createdAt().toString());
        }
        ObjectNode out = ApiJson.object();
        out.set("partners", partners);
        ApiJson.send(ctx, 200, out);
    }

    private void put(Context ctx) {
        ObjectNode body = ApiJson.body(ctx);
        ApiJson.onlyFields(body, "{\"password\"}", "password");
        context.partnerCredentials().set(ctx.pathParam("name"), ctx.pathParam("username"),
                ApiJson.requiredText(body, "password"), AccessGuard.apiUser(ctx));
        ctx.status(204);
    }
}
