package io.usp.bench.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void parsesHostAndPort() {
        assertThat(Endpoint.parse("127.0.0.1:9000")).isEqualTo(new Endpoint("127.0.0.1", 9000));
        assertThat(Endpoint.parse("[::1]:443")).isEqualTo(new Endpoint("::1", 443));
        assertThat(Endpoint.parse("[::1]:443")).hasToString("[::1]:443");
    }

    @Test
    void rejectsWhatIsNotHostColonPort() {
        assertThatThrownBy(() -> Endpoint.parse("localhost")).hasMessageContaining("no port");
        assertThatThrownBy(() -> Endpoint.parse("localhost:http")).hasMessageContaining("numeric port");
        assertThatThrownBy(() -> Endpoint.parse(":80")).hasMessageContaining("no host");
        assertThatThrownBy(() -> Endpoint.parse("h:70000")).hasMessageContaining("outside 1-65535");
    }
}
