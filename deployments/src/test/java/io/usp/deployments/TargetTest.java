package io.usp.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

    @Test
    void nameAndPort() {
        Target t = Target.parseAuthority("build.internal:22");
        assertThat(t).isEqualTo(new Target("build.internal", 22));
        assertThat(t.authority()).isEqualTo("build.internal:22");
    }

    @Test
    void v6LiteralIsBracketedBothWays() {
        Target t = Target.parseAuthority("[2001:db8::1]:443");
        assertThat(t.host()).isEqualTo("2001:db8::1");
        assertThat(t.port()).isEqualTo(443);
        assertThat(t.authority()).isEqualTo("[2001:db8::1]:443");
        assertThat(Target.parseAuthority(t.authority())).isEqualTo(t);
        assertThat(t.toString()).isEqualTo("[2001:db8::1]:443");
    }

    @Test
    void v4Literal() {
        assertThat(Target.parseAuthority("10.0.0.5:8080")).isEqualTo(new Target("10.0.0.5", 8080));
    }

    @ParameterizedTest
    @ValueSource(strings = {"build.internal", "build.internal:", ":22", "[::1]", "host:http", "host:0",
            "host:65536", "[::1:22", "bad host:22", "a/b:22"})
    void malformedAuthorityIsRefused(String authority) {
        assertThatThrownBy(() -> Target.parseAuthority(authority)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nullAuthorityIsRefused() {
        assertThatThrownBy(() -> Target.parseAuthority(null)).hasMessageContaining("missing");
    }
}
