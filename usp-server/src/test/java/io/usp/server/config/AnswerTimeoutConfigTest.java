package io.usp.server.config;

import static io.usp.server.config.ServerConfigLoaderTest.failure;
import static io.usp.server.config.ServerConfigLoaderTest.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunnel.answerTimeout}: how long the server waits for a client to answer a stream request. */
class AnswerTimeoutConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultAndGivenValue() throws Exception {
        assertThat(ServerConfigLoader.load(write(dir, "tunnel: { port: 7443 }\n")).tunnel().answerTimeout())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ServerConfigLoader.load(write(dir, "tunnel: { answerTimeout: 1m }\n")).tunnel().answerTimeout())
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void onlyPositiveDurations() throws Exception {
        failure(dir, "tunnel: { answerTimeout: 0s }\n")
                .hasMessageContaining("field 'tunnel.answerTimeout': '0s' must be more than zero");
        failure(dir, "tunnel: { answerTimeout: 30 }\n")
                .hasMessageContaining("field 'tunnel.answerTimeout': '30' has no unit");
        assertThatThrownBy(() -> TunnelConfig.DEFAULTS.withAnswerTimeout(Duration.ZERO)).as("built in code")
                .isInstanceOf(IllegalArgumentException.class).hasMessage("answerTimeout must be positive");
    }
}
