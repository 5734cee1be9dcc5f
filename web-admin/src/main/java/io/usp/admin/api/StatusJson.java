package io.usp.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.admin.live.RunningServer.ConnectedClient;
import io.usp.admin.live.RunningServer.DeploymentStatus;
import io.usp.admin.live.RunningServer.LiveConnection;
import io.usp.admin.live.RunningServer.Totals;
import io.usp.admin.live.RunningServer.TunnelConnectionInfo;
import java.util.Locale;
import java.util.Map;

/** What the running server reports, as API JSON. */
final class StatusJson {

    private StatusJson() {
    }

    static ObjectNode deployment(DeploymentStatus s) {
        ObjectNode out = ApiJson.object().put("state", s.state().name().toLowerCase(Locale.ROOT));
        s.port().ifPresent(p -> out.put("port", p));
        s.error().ifPresent(e -> out.put("error", e));
        out.put("openConnections", s.openConnections()).put("accepted", s.accepted());
        out.set("refused", counts(s.refused()));
        return out.put("bytesFromPartners", s.bytesFromPartners()).put("bytesToPartners", s.bytesToPartners());
    }

    static ArrayNode tunnelConnections(ConnectedClient client) {
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        for (TunnelConnectionInfo t : client.tunnelConnections()) {
            out.addObject().put("remoteAddress", t.remoteAddress()).put("since", t.since().toString())
                    .put("openStreams", t.openStreams());
        }
        return out;
    }

    static ObjectNode connection(LiveConnection c) {
        return ApiJson.object().put("id", c.id()).put("deployment", c.deployment()).put("partner", c.partner())
                .put("target", c.target()).put("via", c.via()).put("openedAt", c.openedAt().toString())
                .put("bytesFromPartner", c.bytesFromPartner()).put("bytesToPartner", c.bytesToPartner());
    }

    static ObjectNode totals(Totals t) {
        ObjectNode out = ApiJson.object().put("clientsConnected", t.clientsConnected())
                .put("tunnelConnections", t.tunnelConnections()).put("openConnections", t.openConnections())
                .put("accepted", t.accepted());
        out.set("refusedByReason", counts(t.refusedByReason()));
        return out.put("bytesFromPartners", t.bytesFromPartners()).put("bytesToPartners", t.bytesToPartners());
    }

    private static ObjectNode counts(Map<String, Long> byReason) {
        ObjectNode out = ApiJson.object();
        byReason.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
