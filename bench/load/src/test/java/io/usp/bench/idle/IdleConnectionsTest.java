package io.usp.bench.idle;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.bench.net.Endpoint;
import io.usp.bench.net.LocalAddresses;
import io.usp.bench.net.Loops;
import io.usp.bench.target.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdleConnectionsTest {

    @Test
    void opensHoldsAndProvesEveryConnection() throws Exception {
        long pid = ProcessHandle.current().pid();
        try (Loops loops = Loops.open("test"); Target echo = Target.echo(loops.group(), "127.0.0.1", 0)) {
            IdleResult result = IdleConnections.run(loops.group(), new IdleSettings(
                    new Endpoint("127.0.0.1", echo.port()), 200, Duration.ofSeconds(1), List.of(pid),
                    LocalAddresses.any(), 2000));
            assertThat(result.opened()).isEqualTo(200);
            assertThat(result.aliveAfterHold()).isEqualTo(200);
            assertThat(result.errors()).isZero();
            assertThat(result.firstError()).isNull();
            assertThat(result.rssBeforeKb()).containsOnlyKeys(Long.toString(pid));
            assertThat(result.rssAfterKb().get(Long.toString(pid))).isPositive();
        }
    }

    @Test
    void countsConnectionsThatCannotBeOpened() throws Exception {
        try (Loops loops = Loops.open("test")) {
            IdleResult result = IdleConnections.run(loops.group(), new IdleSettings(
                    new Endpoint("127.0.0.1", 1), 20, Duration.ZERO, List.of(), LocalAddresses.any(), 2000));
            assertThat(result.opened()).isZero();
            assertThat(result.errors()).isEqualTo(20);
            assertThat(result.perConnectionBytes()).isZero();
        }
    }
}
