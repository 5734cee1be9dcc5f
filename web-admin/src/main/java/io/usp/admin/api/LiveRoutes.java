package io.usp.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.usp.admin.AdminContext;
import io.usp.admin.auth.AccessGuard;
import io.usp.admin.live.RunningServer.ClientEnrollment;
import io.usp.admin.live.RunningServer.ConnectedClient;
import io.usp.admin.live.RunningServer.PeerServer;
import io.usp.deployments.store.ClientStore.ClientRecord;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What is happening now: clients, open connections (one can be closed), server totals and the cluster's servers. */
final class LiveRoutes {

    private final AdminContext context;

    LiveRoutes(AdminContext context) {
        this.context = context;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/v1/clients", this::clients);
        routes.get("/api/v1/connections", ctx -> {
            ArrayNode out = ApiJson.MAPPER.createArrayNode();
            context.server().connections().forEach(c -> out.add(StatusJson.connection(c)));
            ApiJson.send(ctx, 200, out);
        });
        routes.delete("/api/v1/connections/{id}", ctx -> {
            context.actions().closeConnection(connectionId(ctx), AccessGuard.apiUser(ctx));
            ctx.status(204);
        });
        routes.get("/api/v1/status", ctx -> ApiJson.send(ctx, 200, StatusJson.totals(context.server().totals())));
        routes.get("/api/v1/servers", ctx -> {
            ArrayNode out = ApiJson.MAPPER.createArrayNode();
            for (PeerServer s : context.server().servers()) {
                out.add(ApiJson.object().put("name", s.name()).put("peerAddress", s.peerAddress())
                        .put("startedAt", s.startedAt().toString()).put("heartbeatAt", s.heartbeatAt().toString())
                        .put("live", s.live()).put("self", s.self()));
            }
            ApiJson.send(ctx, 200, out);
        });
    }

    /** Every client seen, added or revoked, joined with the ones connected now (sorted by name). */
    private void clients(Context ctx) {
        Map<String, ConnectedClient> connected = context.server().connectedClients().stream()
                .collect(Collectors.toMap(ConnectedClient::name, Function.identity()));
        Map<String, ObjectNode> byName = new TreeMap<>();
        for (ClientRecord c : context.clients().clients()) {
            ObjectNode out = ApiJson.object().put("name", c.name()).put("firstSeenAt", c.firstSeenAt().toString())
                    .put("lastSeenAt", c.lastSeenAt().toString()).put("lastAddress", c.lastAddress());
            c.certSerial().ifPresent(s -> out.put("certSerial", s));
            c.certNotAfter().ifPresent(at -> out.put("certNotAfter", at.toString()));
            byName.put(c.name(), out);
        }
        // a client that connected a moment ago may not be in the store yet
        connected.keySet().forEach(name -> byName.computeIfAbsent(name, n -> ApiJson.object().put("name", n)));
        for (ClientEnrollment e : context.server().enrollments()) {
            ObjectNode out = byName.computeIfAbsent(e.name(), n -> ApiJson.object().put("name", n));
            e.tokenExpiresAt().ifPresent(at -> out.put("enrollmentTokenExpiresAt", at.toString()));
            e.revokedAt().ifPresent(at -> out.put("revokedAt", at.toString()));
            e.revokedBy().ifPresent(by -> out.put("revokedBy", by));
        }
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        byName.forEach((name, node) -> {
            ConnectedClient live = connected.get(name);
            node.put("connected", live != null);
            node.set("tunnelConnections", live == null ? ApiJson.MAPPER.createArrayNode() : StatusJson.tunnelConnections(live));
            out.add(node);
        });
        ApiJson.send(ctx, 200, out);
    }

    private static long connectionId(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id", "'" + id + "' is not a connection id");
        }
    }
}
