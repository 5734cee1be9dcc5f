package io.usp.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AccessGuard;
import io.usp.deployments.Cidr;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.store.StoredIpFilter;
import io.usp.deployments.yaml.IpFilterEntry;

/**
 * {@code /api/v1/ip-filters}: bodies are shaped like an {@code ipFilters:} entry; answers add
 * {@code usedBy}. {@code POST .../test} says what the filter would do with one address.
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
        routes.put("/api/v1/ip-filters/{name}", this::update);
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
        StoredIpFilter created = context.actions().createIpFilter(read(ctx), AccessGuard.apiUser(ctx));
        ctx.header("Location", "/api/v1/ip-filters/" + created.filter().name());
        ApiJson.send(ctx, 201, json(created));
    }

    private void update(Context ctx) {
        StoredIpFilter updated = context.actions().updateIpFilter(ctx.pathParam("name"), read(ctx),
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

    private static NamedIpFilter read(Context ctx) {
        return IpFilterEntry.readBody(ApiJson.body(ctx));
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
