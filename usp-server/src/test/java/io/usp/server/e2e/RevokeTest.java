package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.client.config.ClientConfig;
import io.usp.client.config.ClientConfigLoader;
import io.usp.protocol.pki.ClientCredentials;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Revoking a client closes its tunnel at once (open streams included), refuses its reconnects
 * and its unused tokens, and holds after a restart; adding it again enrolls it afresh.
 */
class RevokeTest extends WithTargets {

    @Test
    void revokingClosesTheTunnelAndRefusesItsCertificatesAndTokensAlsoAfterARestart() throws Exception {
        int echo = targets.start(Targets::echo);
        ClientCredentials old;
        ClientConfig oldConfig;
        try (World world = new World(dir);
                LogLines handshakes = new LogLines("io.usp.server.tunnel.TunnelHandshake");
                LogLines dialer = new LogLines("io.usp.client.dial.Dialer")) {
            world.startServer(List.of(World.tunnelled("echo", "agent-r", echo),
                    World.tunnelled("other", "agent-k", echo)));
            AdminApi api = new AdminApi(world.startAdmin(EnrollTest.PASSWORD).url(), "admin", EnrollTest.PASSWORD);
            old = world.credentials("agent-r");
            oldConfig = world.config("agent-r", old, World.allowLoopback());
            world.startClient(oldConfig);
            world.startClient("agent-k", World.allowLoopback());
            world.awaitTunnels("agent-r", 2);
            world.awaitTunnels("agent-k", 2);
            String unused = EnrollTest.addClient(api, "agent-r");
            byte[] data = Partner.random(16 << 20, 5);

            try (Socket partner = Partner.connect(world.port("echo"));
                    Socket bystander = Partner.connect(world.port("other"))) {
                Future<Partner.Digest> back = pool.submit(() -> Partner.readAll(bystander.getInputStream()));
                bystander.getOutputStream().write(data, 0, data.length / 2);
                assertThat(Partner.roundTrip(partner, new byte[] {7})).containsExactly(7);
                api.expect(204, "POST", "/api/v1/clients/agent-r/revoke", null);

                world.awaitTunnels("agent-r", 0);
                assertThat(Partner.closedByServer(partner)).as("the open stream ended with its tunnel").isTrue();
                Await.until(() -> handshakes.any("agent-r", "is revoked"),
                        "a reconnect with the old certificate is refused");
                int upsBefore = dialer.count("tunnel up client=agent-r");
                Await.until(() -> dialer.count("tunnel down client=agent-r", "tunnel refused: the server closed the "
                        + "connection without accepting the tunnel: it refused this client") >= 2,
                        "the revoked client says it was refused, dial after dial");
                assertThat(dialer.count("tunnel up client=agent-r")).as("a refused tunnel is never 'up'")
                        .isEqualTo(upsBefore);
                bystander.getOutputStream().write(data, data.length / 2, data.length - data.length / 2);
                bystander.shutdownOutput();
                assertThat(back.get().sha256()).as("another client's transfer is untouched")
                        .isEqualTo(Partner.sha256(data));
                assertThat(world.server().tunnels().connections("agent-k")).hasSize(2);
            }
            assertThat(world.server().tunnels().connections("agent-r")).isEmpty();
            EnrollTest.Run refused = EnrollTest.enroll(unused, dir.resolve("with-unused-token"));
            assertThat(refused.err()).contains("token-revoked");
            api.expect(404, "POST", "/api/v1/clients/nobody/revoke", null);
            String audit = api.expect(200, "GET", "/api/v1/audit?limit=10", null).toString();
            assertThat(audit).contains("\"action\":\"revoke\"", "\"actor\":\"admin\"");
            var clients = api.expect(200, "GET", "/api/v1/clients", null);
            assertThat(clients.findValuesAsText("name")).containsExactly("agent-k", "agent-r");
            assertThat(clients.get(1).get("revokedBy").asText()).isEqualTo("admin");
            assertThat(clients.get(0).has("revokedBy")).as("the other client is not revoked").isFalse();
        }

        try (World restarted = new World(dir);
                LogLines handshakes = new LogLines("io.usp.server.tunnel.TunnelHandshake")) {
            restarted.startServer(List.of(World.tunnelled("echo", "agent-r", echo)));
            AdminApi api = new AdminApi(restarted.startAdmin(EnrollTest.PASSWORD).url(), "admin",
                    EnrollTest.PASSWORD);
            restarted.startClient(restarted.config("agent-r", old, World.allowLoopback()));
            Await.until(() -> handshakes.any("agent-r", "is revoked"), "still refused after a restart");
            assertThat(restarted.server().tunnels().connections("agent-r")).isEmpty();

            // added again: a new token enrolls a new certificate, which works; the old one stays refused
            Path again = dir.resolve("re-enrolled");
            EnrollTest.Run enrolled = EnrollTest.enroll(EnrollTest.addClient(api, "agent-r"), again);
            assertThat(enrolled.exitCode()).as(enrolled.err()).isZero();
            EnrollTest.allowLoopback(again.resolve("client.yaml"));
            restarted.startClient(ClientConfigLoader.load(again.resolve("client.yaml")));
            restarted.awaitTunnels("agent-r", 2);
            try (Socket partner = Partner.connect(restarted.port("echo"))) {
                assertThat(Partner.roundTrip(partner, new byte[] {9})).containsExactly(9);
            }
        }
    }
}
