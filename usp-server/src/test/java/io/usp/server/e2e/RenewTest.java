package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.client.UspClient;
import io.usp.protocol.pki.ClientCredentials;
import io.usp.protocol.pki.Pem;
import io.usp.server.tunnel.TunnelConnection;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A running client renews its certificate when a third of its lifetime is left: new tunnel
 * connections use the new one, while a connection already up keeps its stream moving.
 */
class RenewTest extends WithTargets {

    @Test
    void aRenewedCertificateServesNewConnectionsWhileAnOpenStreamGoesOn() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir)) {
            world.startServer(List.of(World.tunnelled("echo", "agent-x", echo)));
            AdminApi api = new AdminApi(world.startAdmin(EnrollTest.PASSWORD).url(), "admin", EnrollTest.PASSWORD);
            ClientCredentials creds = world.credentials("agent-x");
            BigInteger oldSerial = Pem.readCertificate(creds.certFile()).getSerialNumber();
            MutableClock clientClock = new MutableClock(Instant.now());
            UspClient client = UspClient.start(world.config("agent-x", creds, World.allowLoopback()), clientClock);
            try {
                world.awaitTunnels("agent-x", 2);
                assertThat(client.renewal().checkNow().get()).as("a fresh certificate is not renewed").isEmpty();
                byte[] data = Partner.random(32 << 20, 7);

                try (Socket partner = Partner.connect(world.port("echo"))) {
                    Future<Partner.Digest> back = pool.submit(() -> Partner.readAll(partner.getInputStream()));
                    partner.getOutputStream().write(data, 0, data.length / 2);

                    clientClock.advance(Duration.ofDays(21)); // 9 of 30 days left: less than a third
                    Optional<X509Certificate> renewed = client.renewal().checkNow().get();

                    assertThat(renewed).isPresent();
                    BigInteger newSerial = renewed.get().getSerialNumber();
                    assertThat(newSerial).isNotEqualTo(oldSerial);
                    assertThat(Pem.readCertificate(creds.certFile()).getSerialNumber()).isEqualTo(newSerial);
                    assertThat(creds.keyMatchesCertificate()).isTrue();
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(creds.keyFile())))
                            .isEqualTo("rw-------");

                    // the idle connection goes; its replacement is dialled with the new certificate
                    TunnelConnection carrying = world.server().tunnels().connections("agent-x").stream()
                            .filter(c -> c.streams() > 0).findFirst().orElseThrow();
                    world.server().tunnels().connections("agent-x").stream().filter(c -> c != carrying)
                            .forEach(TunnelConnection::close);
                    Await.until(() -> world.server().tunnels().connections("agent-x").stream()
                            .anyMatch(c -> c.certificate().getSerialNumber().equals(newSerial)),
                            "a new tunnel connection with the renewed certificate");
                    assertThat(carrying.isActive()).isTrue();
                    assertThat(carrying.certificate().getSerialNumber()).isEqualTo(oldSerial);

                    partner.getOutputStream().write(data, data.length / 2, data.length - data.length / 2);
                    partner.shutdownOutput();
                    assertThat(back.get().sha256()).as("the stream on the old connection is intact")
                            .isEqualTo(Partner.sha256(data));
                }
                assertThat(api.expect(200, "GET", "/api/v1/audit?limit=5", null).toString())
                        .contains("\"actor\":\"agent-x\"", "\"action\":\"renew\"");
            } finally {
                client.close();
            }
        }
    }
}
