package io.usp.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpFilterTest {

    private final IpFilter filter = new IpFilter(
            List.of(Cidr.parse("198.51.100.66")),          // one bad host inside the allowed range
            List.of(Cidr.parse("198.51.100.0/24"), Cidr.parse("2001:db8::/32")),
            FilterAction.BLOCK);

    private IpFilter.Decision decide(IpFilter f, String address) throws Exception {
        return f.decide(InetAddress.getByName(address));
    }

    @Test
    void blockBeatsAllow() throws Exception {
        IpFilter.Decision d = decide(filter, "198.51.100.66");
        assertThat(d.allowed()).isFalse();
        assertThat(d.action()).isEqualTo(FilterAction.BLOCK);
        assertThat(d.reason()).isEqualTo("block rule 198.51.100.66/32");
    }

    @Test
    void allowBeatsDefault() throws Exception {
        IpFilter.Decision d = decide(filter, "198.51.100.7");
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo("allow rule 198.51.100.0/24");
        assertThat(decide(filter, "2001:db8::5").allowed()).isTrue();
    }

    @Test
    void defaultActionDecidesTheRest() throws Exception {
        IpFilter.Decision d = decide(filter, "203.0.113.1");
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo("default action");

        IpFilter open = new IpFilter(List.of(Cidr.parse("203.0.113.0/24")), List.of(), FilterAction.ALLOW);
        assertThat(decide(open, "192.0.2.1").allowed()).isTrue();
        assertThat(decide(open, "203.0.113.200").allowed()).isFalse();
    }

    @Test
    void allowAllAdmitsEveryone() throws Exception {
        assertThat(decide(IpFilter.ALLOW_ALL, "203.0.113.1").allowed()).isTrue();
        assertThat(decide(IpFilter.ALLOW_ALL, "::1").allowed()).isTrue();
    }

    @Test
    void defaultActionIsRequiredAndListsAreCopied() {
        assertThatThrownBy(() -> new IpFilter(List.of(), List.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        var rules = new java.util.ArrayList<>(List.of(Cidr.parse("10.0.0.0/8")));
        IpFilter f = new IpFilter(rules, List.of(), FilterAction.ALLOW);
        rules.clear();
        assertThat(f.block()).hasSize(1);
    }
}
