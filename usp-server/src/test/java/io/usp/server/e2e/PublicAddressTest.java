package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.client.config.ClientConfig;
import io.usp.client.config.ClientConfigLoader;
import io.usp.protocol.enroll.EnrollmentToken;
import io.usp.server.config.PublicAddress;
import io.usp.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server behind NAT or a load balancer: the tokens the admin API issues carry
 * {@code tunnel.publicAddress}, and a client enrolled with one reaches the server through that
 * address (a forwarder to the bound port stands in for the NAT).
 */
class PublicAddressTest extends WithTargets {

    @Test
    void aTokenCarriesThePublicAddressAndTheClientEnrollsAndConnectsThroughIt() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir); TunnelProxy nat = new TunnelProxy(() -> world.server().tunnelPort())) {
            PublicAddress published = new PublicAddress("127.0.0.1", nat.port());
            world.startServer(List.of(World.tunnelled("echo", "agent-nat", echo)), Clock.systemUTC(),
                    ServerConfig.DEFAULT_MAX_CONNECTIONS, World.tunnelConfig().withPublicAddress(published));
            AdminApi api = new AdminApi(world.startAdmin(EnrollTest.PASSWORD).url(), "admin", EnrollTest.PASSWORD);

            String token = EnrollTest.addClient(api, "agent-nat");
            EnrollmentToken carried = EnrollmentToken.parse(token);
            assertThat(carried.host()).isEqualTo("127.0.0.1");
            assertThat(carried.port()).isEqualTo(nat.port()).isNotEqualTo(world.server().tunnelPort());

            Path home = dir.resolve("agent-home");
            EnrollTest.Run run = EnrollTest.enroll(token, home);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(nat.forwarded()).as("enrollment came in through the public address").isPositive();

            EnrollTest.allowLoopback(home.resolve("client.yaml"));
            ClientConfig enrolled = ClientConfigLoader.load(home.resolve("client.yaml"));
            assertThat(enrolled.server()).isEqualTo(new ClientConfig.ServerAddress("127.0.0.1", nat.port()));
            int before = nat.forwarded();
            world.startClient(enrolled);
            world.awaitTunnels("agent-nat", 2);
            assertThat(nat.forwarded()).as("both tunnel connections came through it")
                    .isGreaterThanOrEqualTo(before + 2);
            assertThat(Partner.echoesExactly(world.port("echo"), "127.0.0.1", 1 << 20, 11, pool)).isTrue();
        }
    }

    @Test
    void withoutOneATokenCarriesTheFirstNameAndTheBoundPort() throws Exception {
        try (World world = new World(dir)) {
            world.startServer(List.of());
            AdminApi api = new AdminApi(world.startAdmin(EnrollTest.PASSWORD).url(), "admin", EnrollTest.PASSWORD);

            EnrollmentToken carried = EnrollmentToken.parse(EnrollTest.addClient(api, "agent-here"));

            assertThat(carried.host()).isEqualTo(World.tunnelConfig().names().get(0)).isEqualTo("localhost");
            assertThat(carried.port()).isEqualTo(world.server().tunnelPort());
        }
    }
}
