package io.usp.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortRangeTest {

    @Test
    void singlePort() {
        PortRange p = PortRange.parse("22");
        assertThat(p).isEqualTo(new PortRange(22, 22));
        assertThat(p.contains(22)).isTrue();
        assertThat(p.contains(23)).isFalse();
        assertThat(p.toString()).isEqualTo("22");
    }

    @Test
    void rangeIsInclusive() {
        PortRange p = PortRange.parse(" 8000-8099 ");
        assertThat(p.contains(7999)).isFalse();
        assertThat(p.contains(8000)).isTrue();
        assertThat(p.contains(8099)).isTrue();
        assertThat(p.contains(8100)).isFalse();
        assertThat(p.toString()).isEqualTo("8000-8099");
    }

    @Test
    void reversedOrOutOfRangeIsRefused() {
        assertThatThrownBy(() -> PortRange.parse("9000-8000")).hasMessageContaining("reversed");
        assertThatThrownBy(() -> PortRange.parse("0")).hasMessageContaining("outside 1..65535");
        assertThatThrownBy(() -> PortRange.parse("65536")).hasMessageContaining("outside 1..65535");
        assertThat(PortRange.parse("1-65535").contains(65535)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "22-", "-22", "1-2-3", "22,23", "123456"})
    void garbageIsRefused(String text) {
        assertThatThrownBy(() -> PortRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenerAcceptsPortZeroTargetDoesNot() {
        assertThat(new Listener("0.0.0.0", 0).port()).isZero();
        assertThatThrownBy(() -> new Listener("0.0.0.0", 65536)).hasMessageContaining("outside 0..65535");
        assertThatThrownBy(() -> new Target("h", 0)).hasMessageContaining("outside 1..65535");
    }
}
