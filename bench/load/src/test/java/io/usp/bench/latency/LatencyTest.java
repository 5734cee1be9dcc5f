package io.usp.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.bench.net.Endpoint;
import io.usp.bench.net.Loops;
import io.usp.bench.net.Route;
import io.usp.bench.target.Target;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LatencyTest {

    static Loops loops;
    static Target echo;
    static Target sink;

    @BeforeAll
    static void start() {
        loops = Loops.open("test");
        echo = Target.echo(loops.group(), "127.0.0.1", 0);
        sink = Target.sink(loops.group(), "127.0.0.1", 0, 0);
    }

    @AfterAll
    static void stop() {
        echo.close();
        sink.close();
        loops.close();
    }

    @Test
    void recordsEveryRoundTripAfterTheWarmUp() throws Exception {
        LatencyResult result = Latency.run(loops.group(),
                new LatencySettings(local(echo), 64, 200, 20, Optional.empty()));
        assertThat(result.count()).isEqualTo(200);
        assertThat(result.p50Us()).isPositive().isLessThanOrEqualTo(result.p99Us());
        assertThat(result.p99Us()).isLessThanOrEqualTo(result.p999Us());
        assertThat(result.p999Us()).isLessThanOrEqualTo(result.maxUs());
        assertThat(result.bulkGbits()).isNull();
    }

    @Test
    void checksLargeEchoesThatArriveInPieces() throws Exception {
        LatencyResult result = Latency.run(loops.group(),
                new LatencySettings(local(echo), 256 * 1024, 10, 0, Optional.empty()));
        assertThat(result.count()).isEqualTo(10);
    }

    @Test
    void measuresTheBulkStreamBesideTheRoundTrips() throws Exception {
        LatencyResult result = Latency.run(loops.group(),
                new LatencySettings(local(echo), 64, 200, 20, Optional.of(local(sink))));
        assertThat(result.count()).isEqualTo(200);
        assertThat(result.bulkGbits()).isPositive();
    }

    @Test
    void failsWhenNothingListens() {
        assertThatThrownBy(() -> Latency.run(loops.group(),
                new LatencySettings(Route.direct(new Endpoint("127.0.0.1", 1)), 64, 10, 0, Optional.empty())))
                .isInstanceOf(ExecutionException.class);
    }

    static Route local(Target target) {
        return Route.direct(new Endpoint("127.0.0.1", target.port()));
    }
}
