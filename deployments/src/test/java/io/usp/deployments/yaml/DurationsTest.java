package io.usp.deployments.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void everyUnit() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("15s")).isEqualTo(Duration.ofSeconds(15));
        assertThat(Durations.parse("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse(" 0s ")).isZero();
    }

    @Test
    void plainNumberNamesTheUnits() {
        assertThatThrownBy(() -> Durations.parse("3600"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'3600' has no unit")
                .hasMessageContaining("ms, s, m, h or d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5h", "1h30m", "15 s", "15S", "-1s", "s", "1w", "PT15S", "ten seconds"})
    void otherFormsAreRefused(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "' is not a duration")
                .hasMessageContaining(Durations.UNITS);
    }

    @Test
    void missingIsRefused() {
        assertThatThrownBy(() -> Durations.parse(null)).hasMessageContaining("required");
        assertThatThrownBy(() -> Durations.parse(" ")).hasMessageContaining("required");
    }

    @Test
    void positiveRefusesZero() {
        assertThat(Durations.parsePositive("1ms")).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> Durations.parsePositive("0m")).hasMessageContaining("more than zero");
    }

    @Test
    void formatRoundTrips() {
        for (String text : new String[] {"500ms", "1500ms", "15s", "90s", "30m", "1h", "25h", "2d", "0ms"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
        assertThat(Durations.format(Duration.ofSeconds(120))).isEqualTo("2m");
        assertThat(Durations.format(Duration.ofHours(48))).isEqualTo("2d");
    }
}
