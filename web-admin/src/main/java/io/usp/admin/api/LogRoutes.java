package io.usp.admin.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.usp.admin.AdminContext;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.ConnectionHistory.ConnectionRecord;
import java.util.Optional;

/** What happened: the connection history and the audit log, newest first. */
final class LogRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AdminContext context;

    LogRoutes(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/history", ctx -> {
            ArrayNode out = ApiJson.MAPPER.createArrayNode();
            Optional<String> deployment = Optional.ofNullable(ctx.queryParam("deployment")).filter(d -> !d.isEmpty());
            context.history().recent(limit(ctx), deployment).forEach(r -> out.add(json(r)));
            ApiJson.send(ctx, 200, out);
        });
        routes.get("/api/v1/audit", ctx -> {
            ArrayNode out = ApiJson.MAPPER.createArrayNode();
            context.audit().recent(limit(ctx)).forEach(e -> out.add(json(e)));
            ApiJson.send(ctx, 200, out);
        });
    }

    static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (text.matches("\\d{1,4}")) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw ApiException.badRequest("limit", "'" + text + "' is not a whole number in 1.." + MAX_LIMIT);
    }

    private static ObjectNode json(ConnectionRecord r) {
        ObjectNode out = ApiJson.object().put("id", r.id()).put("closedAt", r.closedAt().toString())
                .put("deployment", r.deployment()).put("partner", r.partner());
        r.target().ifPresent(t -> out.put("target", t));
        r.via().ifPresent(v -> out.put("via", v));
        if (r.rule() > 0) {
            out.put("rule", r.rule());
        }
        out.put("outcome", r.outcome());
        r.detail().ifPresent(d -> out.put("detail", d));
        return out.put("bytesUp", r.bytesUp()).put("bytesDown", r.bytesDown()).put("durationMs", r.durationMs())
                .put("connections", r.connections());
    }

    private static ObjectNode json(AuditEntry e) {
        ObjectNode out = ApiJson.object().put("id", e.id()).put("at", e.at().toString()).put("actor", e.actor())
                .put("action", e.action()).put("subjectKind", e.subjectKind()).put("subjectName", e.subjectName());
        e.before().ifPresent(b -> out.set("before", parsed(b)));
        e.after().ifPresent(a -> out.set("after", parsed(a)));
        return out;
    }

    // before/after are stored as JSON text; shown as JSON, or as the text when it is not JSON
    private static JsonNode parsed(String json) {
        try {
            return ApiJson.MAPPER.readTree(json);
        } catch (JsonProcessingException notJson) {
            return ApiJson.MAPPER.getNodeFactory().textNode(json);
        }
    }
}
