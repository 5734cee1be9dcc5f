package io.usp.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AccessGuard;
import io.usp.admin.route.DestinationTest;
import io.usp.deployments.Deployment;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.store.StoredDeployment;
import io.usp.deployments.store.StoredIpFilter;
import io.usp.deployments.yaml.DeploymentEntry;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code /api/v1/deployments}: bodies are shaped like a {@code deployments:} entry of server.yaml;
 * answers add the live {@code status} and {@code managedBy} when server.yaml owns the entry. A
 * PATCH is a {@link MergePatch} of the stored entry, then goes on exactly as a PUT of the result.
 * {@code POST .../test} says what a collection's rules decide for one destination.
 */
final class DeploymentRoutes {

    static final String MANAGED_BY_FILE = "server.yaml";

    private final AdminContext context;

    DeploymentRoutes(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/deployments", this::list);
        routes.post("/api/v1/deployments", this::create);
        routes.get("/api/v1/deployments/{name}", ctx -> ApiJson.send(ctx, 200, json(stored(ctx.pathParam("name")))));
        routes.put("/api/v1/deployments/{name}", ctx -> replace(ctx, ApiJson.body(ctx)));
        routes.patch("/api/v1/deployments/{name}", this::patch);
        routes.delete("/api/v1/deployments/{name}", ctx -> {
            context.actions().deleteDeployment(ctx.pathParam("name"), AccessGuard.apiUser(ctx));
            ctx.status(204);
        });
        routes.post("/api/v1/deployments/{name}/start", ctx -> {
            context.actions().start(ctx.pathParam("name"), AccessGuard.apiUser(ctx));
            ApiJson.send(ctx, 200, json(stored(ctx.pathParam("name"))));
        });
        routes.post("/api/v1/deployments/{name}/stop", ctx -> {
            context.actions().stop(ctx.pathParam("name"), AccessGuard.apiUser(ctx));
            ApiJson.send(ctx, 200, json(stored(ctx.pathParam("name"))));
        });
        routes.post("/api/v1/deployments/{name}/test", this::test);
    }

    private void list(Context ctx) {
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        context.deployments().deployments().forEach(d -> out.add(json(d)));
        ApiJson.send(ctx, 200, out);
    }

    private void create(Context ctx) {
        StoredDeployment created = context.actions().createDeployment(read(ApiJson.body(ctx)),
                AccessGuard.apiUser(ctx));
        ctx.header("Location", "/api/v1/deployments/" + created.deployment().name());
        ApiJson.send(ctx, 201, json(created));
    }

    private void patch(Context ctx) {
        ObjectNode patch = MergePatchBody.read(ctx);
        replace(ctx, MergePatch.apply(DeploymentEntry.write(stored(ctx.pathParam("name")).deployment()), patch));
    }

    /** PUT, and PATCH once merged: the deployment {@code entry} describes replaces the one in the path. */
    private void replace(Context ctx, JsonNode entry) {
        StoredDeployment updated = context.actions().updateDeployment(ctx.pathParam("name"), read(entry),
                AccessGuard.apiUser(ctx));
        ApiJson.send(ctx, 200, json(updated));
    }

    /** {@code {"destination": "host:port"}}; a tcp deployment or a bad destination is refused ({@link ApiErrors}). */
    private void test(Context ctx) {
        Deployment deployment = stored(ctx.pathParam("name")).deployment();
        ObjectNode body = ApiJson.body(ctx);
        ApiJson.onlyFields(body, "{\"destination\": \"host:port\"}", "destination");
        String destination = ApiJson.requiredText(body, "destination");
        ApiJson.send(ctx, 200, DestinationTest.run(deployment, destination).json());
    }

    private Deployment read(JsonNode entry) {
        Map<String, NamedIpFilter> filters = context.deployments().ipFilters().stream()
                .map(StoredIpFilter::filter).collect(Collectors.toMap(NamedIpFilter::name, f -> f));
        return DeploymentEntry.readBody(entry, filters);
    }

    private StoredDeployment stored(String name) {
        return context.deployments().deployment(name)
                .orElseThrow(() -> StoreException.notFound("deployment '" + name + "'"));
    }

    private ObjectNode json(StoredDeployment stored) {
        ObjectNode out = DeploymentEntry.write(stored.deployment());
        if (stored.managedByFile()) {
            out.put("managedBy", MANAGED_BY_FILE);
        }
        context.server().deployment(stored.deployment().name())
                .ifPresent(status -> out.set("status", StatusJson.deployment(status)));
        return out;
    }
}
