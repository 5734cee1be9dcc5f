package io.usp.bench.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.bench.net.Endpoint;
import io.usp.bench.net.Loops;
import io.usp.bench.target.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowReaderPushTest {

    private static final long MIB = 1 << 20;

    @Test
    void pushesOnlyWhatASlowReaderAndTheSocketsTake() throws Exception {
        long pid = ProcessHandle.current().pid();
        try (Loops loops = Loops.open("test");
             Target sink = Target.sink(loops.group(), "127.0.0.1", 0, 256 * 1024)) {
            PushResult result = SlowReaderPush.run(loops.group(), new PushSettings(
                    new Endpoint("127.0.0.1", sink.port()), 16 * MIB, Duration.ofSeconds(2), List.of(pid)));
            // 2 s at 256 KiB/s, plus what the two loopback socket buffers hold
            assertThat(result.pushedBytes()).isGreaterThan(256 * 1024).isLessThan(8 * MIB);
            String key = Long.toString(pid);
            assertThat(result.rssKb().get(key).first()).isPositive();
            assertThat(result.rssGrowthKb()).containsKey(key);
        }
    }

    @Test
    void stopsAtTheByteLimit() throws Exception {
        try (Loops loops = Loops.open("test"); Target sink = Target.sink(loops.group(), "127.0.0.1", 0, 0)) {
            PushResult result = SlowReaderPush.run(loops.group(), new PushSettings(
                    new Endpoint("127.0.0.1", sink.port()), 3 * MIB + 5, Duration.ofSeconds(10), List.of()));
            assertThat(result.pushedBytes()).isEqualTo(3 * MIB + 5);
            assertThat(result.rssKb()).isEmpty();
        }
    }
}
