package io.usp.protocol.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectNamesTest {

    @Test
    void coversAHostInTheNamesInAnyNotation() {
        List<String> names = List.of("Relay.Example.com", "[2001:db8::1]", "127.0.0.1");
        assertThat(SubjectNames.covers(names, "relay.example.com")).isTrue();
        assertThat(SubjectNames.covers(names, "2001:db8:0:0:0:0:0:1")).isTrue();
        assertThat(SubjectNames.covers(names, "[2001:db8::1]")).isTrue();
        assertThat(SubjectNames.covers(names, "127.0.0.1")).isTrue();

        assertThat(SubjectNames.covers(names, "lb.example.com")).isFalse();
        assertThat(SubjectNames.covers(names, "127.0.0.2")).isFalse();
        assertThat(SubjectNames.covers(names, "example.com")).isFalse();
    }
}
