package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.server.admin.AdminWiring;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Listeners follow changes made through the REST API at once (create, change the filter, stop,
 * start, disable, delete) while a transfer through another deployment goes on untouched.
 */
class LiveApplyTest extends WithTargets {

    private static final String PASSWORD = "live-apply-password";

    @Test
    void listenersFollowApiChangesWhileAnotherTransferGoesOn() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir)) {
            world.startServer(List.of(World.tunnelled("steady", "agent-a", echo)));
            world.startClient("agent-a", World.allowLoopback());
            world.awaitTunnels("agent-a", 2);
            AdminWiring admin = world.startAdmin(PASSWORD);
            AdminApi api = new AdminApi(admin.url(), "admin", PASSWORD);
            byte[] data = Partner.random(64 << 20, 3);

            try (Socket steady = Partner.connect(world.port("steady"))) {
                Future<Partner.Digest> back = pool.submit(() -> Partner.readAll(steady.getInputStream()));
                steady.getOutputStream().write(data, 0, data.length / 2);

                api.expect(201, "POST", "/api/v1/deployments", """
                        {"name": "fresh", "listener": {"bind": "127.0.0.1", "port": 0},
                         "target": {"host": "127.0.0.1", "port": %d}, "client": "agent-a"}""".formatted(echo));
                int port = port(api, "fresh");
                try (Socket s = Partner.connect(port)) {
                    assertThat(Partner.roundTrip(s, new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
                }

                api.expect(200, "PUT", "/api/v1/deployments/fresh", """
                        {"name": "fresh", "listener": {"bind": "127.0.0.1", "port": 0},
                         "ipFilter": {"allow": ["192.0.2.0/24"], "defaultAction": "block"},
                         "target": {"host": "127.0.0.1", "port": %d}, "client": "agent-a"}""".formatted(echo));
                assertThat(port(api, "fresh")).as("same listener address: not rebound").isEqualTo(port);
                try (Socket refused = Partner.connect(port)) {
                    assertThat(Partner.closedByServer(refused)).isTrue();
                }
                JsonNode status = api.expect(200, "GET", "/api/v1/deployments/fresh", null).get("status");
                assertThat(status.path("refused").path("ip-filter").asLong()).isEqualTo(1);

                api.expect(200, "PUT", "/api/v1/deployments/fresh", """
                        {"name": "fresh", "listener": {"bind": "127.0.0.1", "port": 0},
                         "target": {"host": "127.0.0.1", "port": %d}, "client": "agent-a"}""".formatted(echo));
                try (Socket open = Partner.connect(port)) {
                    assertThat(Partner.roundTrip(open, new byte[] {4})).containsExactly(4);
                    api.expect(200, "POST", "/api/v1/deployments/fresh/stop", null);
                    assertThat(Partner.closedByServer(open)).as("stopping closes its connections").isTrue();
                }
                assertThat(state(api, "fresh")).isEqualTo("stopped");
                api.expect(200, "POST", "/api/v1/deployments/fresh/start", null);
                assertThat(state(api, "fresh")).isEqualTo("running");

                int again = port(api, "fresh");
                try (Socket open = Partner.connect(again)) {
                    assertThat(Partner.roundTrip(open, new byte[] {5})).containsExactly(5);
                    assertThat(metrics(api)).contains("usp_connections_accepted_total{deployment=\"fresh\"} 3.0",
                            "usp_connections_refused_total{deployment=\"fresh\",reason=\"ip-filter\"} 1.0",
                            "usp_tunnel_connections{client=\"agent-a\"} 2.0", "usp_stream_open_seconds_count");
                    api.expect(204, "DELETE", "/api/v1/deployments/fresh", null);
                    assertThat(Partner.closedByServer(open)).as("deleting closes its connections").isTrue();
                }
                api.expect(404, "GET", "/api/v1/deployments/fresh", null);
                assertThat(world.server().listeners().get("fresh")).isEmpty();

                steady.getOutputStream().write(data, data.length / 2, data.length - data.length / 2);
                steady.shutdownOutput();
                assertThat(back.get().sha256()).as("the other deployment's transfer is intact")
                        .isEqualTo(Partner.sha256(data));
            }
            String steadyBytes = "usp_bytes_total{deployment=\"steady\",direction=\"from_partner\"} "
                    + (double) data.length;
            Await.until(() -> metrics(api).contains(steadyBytes), "the closed transfer is counted in /metrics");
            assertThat(metrics(api)).as("a deleted deployment's series are gone")
                    .doesNotContain("deployment=\"fresh\"");
            world.server().history().flush();
            JsonNode history = api.expect(200, "GET", "/api/v1/history?deployment=fresh", null);
            assertThat(history.findValuesAsText("outcome")).contains("ip-filter", "closed");
        }
    }

    @Test
    void portConflictManualStartAndDisableAreShownOnTheDeployment() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir)) {
            world.startServer(List.of());
            AdminApi api = new AdminApi(world.startAdmin(PASSWORD).url(), "admin", PASSWORD);
            String body = """
                    {"name": "web", "listener": {"bind": "127.0.0.1", "port": %d},
                     "target": {"host": "127.0.0.1", "port": %d}, "startMode": "%s", "enabled": %s}""";
            int port;
            try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = taken.getLocalPort();
                api.expect(201, "POST", "/api/v1/deployments", body.formatted(port, echo, "auto", true));
                JsonNode status = api.expect(200, "GET", "/api/v1/deployments/web", null).get("status");
                assertThat(status.path("state").asText()).isEqualTo("failed");
                assertThat(status.path("error").asText()).contains("cannot listen on 127.0.0.1:" + port);
            }
            Await.until(() -> "running".equals(stateQuietly(api, "web")), "the freed port is bound");

            api.expect(200, "PUT", "/api/v1/deployments/web", body.formatted(port, echo, "auto", false));
            assertThat(state(api, "web")).isEqualTo("disabled");
            assertThat(world.server().listeners().get("web")).isEmpty();

            api.expect(200, "PUT", "/api/v1/deployments/web", body.formatted(port, echo, "manual", true));
            assertThat(state(api, "web")).as("manual: waits for an admin").isEqualTo("stopped");
            api.expect(200, "POST", "/api/v1/deployments/web/start", null);
            try (Socket s = Partner.connect(port)) {
                assertThat(Partner.roundTrip(s, new byte[] {9})).containsExactly(9);
            }
        }
    }

    @Test
    void aPatchReachesTheLiveListenerAndKeepsWhatItDoesNotName() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir)) {
            world.startServer(List.of());
            AdminApi api = new AdminApi(world.startAdmin(PASSWORD).url(), "admin", PASSWORD);
            api.expect(201, "POST", "/api/v1/deployments", """
                    {"name": "web", "listener": {"bind": "127.0.0.1", "port": 0}, "limits": {"maxConnectionsPerIp": 5},
                     "target": {"host": "127.0.0.1", "port": %d}}""".formatted(echo));
            int port = port(api, "web");

            api.patch(200, "/api/v1/deployments/web", "{\"ipFilter\": {\"allow\": [\"192.0.2.0/24\"]}}");
            assertThat(port(api, "web")).as("same listener address: not rebound").isEqualTo(port);
            try (Socket refused = Partner.connect(port)) {
                assertThat(Partner.closedByServer(refused)).isTrue();
            }

            JsonNode back = api.patch(200, "/api/v1/deployments/web", "{\"ipFilter\": null}");
            assertThat(back.has("ipFilter")).isFalse();
            assertThat(back.at("/limits/maxConnectionsPerIp").asInt()).isEqualTo(5);
            assertThat(back.at("/target/port").asInt()).isEqualTo(echo);
            try (Socket open = Partner.connect(port)) {
                assertThat(Partner.roundTrip(open, new byte[] {7})).containsExactly(7);
            }
        }
    }

    private static String stateQuietly(AdminApi api, String deployment) {
        try {
            return state(api, deployment);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String metrics(AdminApi api) {
        try {
            return api.call("GET", "/metrics", null).body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int port(AdminApi api, String deployment) throws Exception {
        JsonNode status = api.expect(200, "GET", "/api/v1/deployments/" + deployment, null).get("status");
        assertThat(status.path("state").asText()).as(status.toString()).isEqualTo("running");
        return status.get("port").asInt();
    }

    private static String state(AdminApi api, String deployment) throws Exception {
        return api.expect(200, "GET", "/api/v1/deployments/" + deployment, null).get("status").get("state").asText();
    }
}
