package io.usp.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AccessGuard;
import io.usp.deployments.Cidr;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.store.StoredIpFilter;
import io.usp.deployments.yaml.IpFilterEntry;

/**
 * {@code /api/v1/ip-filters}: bodies are shaped like an {@code ipFilters:} entry; answers add
 * {@code usedBy}. A PATCH is a {@link MergePatch} of the stored entry, then goes on exactly as a
 * PUT of the result. {@code POST .../test} says what the filter would do with one address.
 */
final class IpFilterRoutes {

    private final AdminContext context;

    IpFilterRoutes(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/ip-filters", this::list);
        routes.post("/api/v1/ip-filters", this::create);
        routes.get("/api/v1/ip-filters/{name}", ctx -> ApiJson.send(ctx, 200, json(stored(ctx.pathParam("name")))));
        routes.put("/api/v1/ip-filters/{name}", ctx -> replace(ctx, ApiJson.body(ctx)));
        routes.patch("/api/v1/ip-filters/{name}", this::patch);
        routes.delete("/api/v1/ip-filters/{name}", ctx -> {
            context.actions().deleteIpFilter(ctx.pathParam("name"), AccessGuard.apiUser(ctx));
            ctx.status(204);
        });
        routes.post("/api/v1/ip-filters/{name}/test", this::test);
    }

    private void list(Context ctx) {
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        context.deployments().ipFilters().forEach(f -> out.add(json(f)));
        ApiJson.send(ctx, 200, out);
    }

    private void create(Context ctx) {
        StoredIpFilter created = context.actions().createIpFilter(IpFilterEntry.readBody(ApiJson.body(ctx)),
                AccessGuard.apiUser(ctx));
        ctx.header("Location", "/api/v1/ip-filters/" + created.filter().name());
        ApiJson.send(ctx, 201, json(created));
    }

    private void patch(Context ctx) {
        ObjectNode patch = MergePatchBody.read(ctx);
        replace(ctx, MergePatch.apply(IpFilterEntry.write(stored(ctx.pathParam("name")).filter()), patch));
    }

    /** PUT, and PATCH once merged: the filter {@code entry} describes replaces the one in the path. */
    private void replace(Context ctx, JsonNode entry) {
        StoredIpFilter updated = context.actions().updateIpFilter(ctx.pathParam("name"), IpFilterEntry.readBody(entry),
                AccessGuard.apiUser(ctx));
        ApiJson.send(ctx, 200, json(updated));
    }

    private void test(Context ctx) {
        IpFilter filter = stored(ctx.pathParam("name")).filter().filter();
        String address = ApiJson.requiredText(ApiJson.body(ctx), "address");
        Cidr parsed;
        try {
            parsed = address.contains("/") ? null : Cidr.parse(address);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("address", e.getMessage());
        }
        if (parsed == null) {
            throw ApiException.badRequest("address", "'" + address + "' is a network; give one address");
        }
        IpFilter.Decision decision = filter.decide(parsed.network());
        ApiJson.send(ctx, 200, ApiJson.object()
                .put("action", decision.action() == FilterAction.ALLOW ? "allow" : "block")
                .put("reason", decision.reason()));
    }

    private StoredIpFilter stored(String name) {
        return context.deployments().ipFilter(name)
                .orElseThrow(() -> StoreException.notFound("ip filter '" + name + "'"));
    }

    private static ObjectNode json(StoredIpFilter stored) {
        ObjectNode out = IpFilterEntry.write(stored.filter());
        if (stored.managedByFile()) {
            out.put("managedBy", DeploymentRoutes.MANAGED_BY_FILE);
        }
        ArrayNode usedBy = out.putArray("usedBy");
        stored.usedBy().forEach(usedBy::add);
        return out;
    }
}
