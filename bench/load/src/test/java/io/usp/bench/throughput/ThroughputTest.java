package io.usp.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.bench.net.AnsweringProxy;
import io.usp.bench.net.Endpoint;
import io.usp.bench.net.Loops;
import io.usp.bench.net.ProxyAddress.Protocol;
import io.usp.bench.net.Route;
import io.usp.bench.target.Target;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void countsOnlyTheSecondsAfterTheWarmUp() throws Exception {
        try (Loops loops = Loops.open("test"); Target sink = Target.sink(loops.group(), "127.0.0.1", 0, 0)) {
            ThroughputResult result = Throughput.run(loops.group(), new ThroughputSettings(
                    Route.direct(new Endpoint("127.0.0.1", sink.port())), 2, Duration.ofSeconds(1), Duration.ofSeconds(1)));
            assertThat(result.streams()).isEqualTo(2);
            assertThat(result.seconds()).isBetween(1.0, 1.5);
            assertThat(result.bytes()).isPositive();
            assertThat(result.gbitPerSecond()).isPositive();
        }
    }

    @Test
    void pushesThroughAProxy() throws Exception {
        try (Loops loops = Loops.open("test");
             AnsweringProxy proxy = new AnsweringProxy(loops.group(), Protocol.SOCKS5, false)) {
            ThroughputResult result = Throughput.run(loops.group(), new ThroughputSettings(
                    Route.to(new Endpoint("sink.inside", 9), proxy.address(Protocol.SOCKS5)), 1,
                    Duration.ofSeconds(1), Duration.ZERO));
            assertThat(result.bytes()).isPositive();
            assertThat(proxy.asked()).containsExactly("sink.inside:9 (DOMAIN(3))");
        }
    }

    @Test
    void failsWhenTheProxySaysNo() {
        try (Loops loops = Loops.open("test");
             AnsweringProxy proxy = new AnsweringProxy(loops.group(), Protocol.CONNECT, true)) {
            assertThatThrownBy(() -> Throughput.run(loops.group(), new ThroughputSettings(
                    Route.to(new Endpoint("sink.inside", 9), proxy.address(Protocol.CONNECT)), 1,
                    Duration.ofSeconds(1), Duration.ZERO)))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("cannot connect to sink.inside:9 via connect://127.0.0.1:");
        }
    }
}
