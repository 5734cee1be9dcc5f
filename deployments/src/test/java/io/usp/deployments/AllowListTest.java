package io.usp.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowListTest {

    private final AllowRule byName = new AllowRule(List.of("build.internal", "*.Corp.Internal"), List.of(),
            List.of(new PortRange(22, 22), PortRange.parse("8000-8099")));
    private final AllowRule byCidr = new AllowRule(List.of(), List.of(Cidr.parse("10.20.0.0/16")),
            List.of(new PortRange(443, 443)));
    private final AllowList list = new AllowList(List.of(byName, byCidr));

    @Test
    void exactHostOnListedPorts() {
        assertThat(list.permitsByName("build.internal", 22)).isTrue();
        assertThat(list.permitsByName("BUILD.internal", 8050)).isTrue();
        assertThat(list.permitsByName("build.internal", 23)).isFalse();
        assertThat(list.permitsByName("build.internal.evil.com", 22)).isFalse();
    }

    @Test
    void wildcardMatchesSubdomainsOnly() {
        assertThat(byName.hosts()).contains("*.corp.internal"); // stored in lower case
        assertThat(list.permitsByName("git.corp.internal", 22)).isTrue();
        assertThat(list.permitsByName("a.b.corp.internal", 8000)).isTrue();
        assertThat(list.permitsByName("corp.internal", 22)).isFalse();
        assertThat(list.permitsByName("evilcorp.internal", 22)).isFalse();
    }

    @Test
    void cidrNeedsTheResolvedAddress() throws Exception {
        InetAddress inside = InetAddress.getByName("10.20.1.2");
        assertThat(list.permitsByName("db.example", 443)).isFalse();
        assertThat(list.permits("db.example", 443, inside)).isTrue();
        assertThat(list.permits("db.example", 444, inside)).isFalse();
        assertThat(list.permits("db.example", 443, InetAddress.getByName("10.21.0.1"))).isFalse();
    }

    @Test
    void nameRuleDoesNotWidenCidrPorts() throws Exception {
        // 22 is listed for the name rule only; an address in the CIDR still needs 443
        assertThat(list.permits("10.20.1.2", 22, InetAddress.getByName("10.20.1.2"))).isFalse();
    }

    @Test
    void emptyListDeniesEverything() throws Exception {
        assertThat(AllowList.NOTHING.rules()).isEmpty();
        assertThat(AllowList.NOTHING.permitsByName("build.internal", 22)).isFalse();
        assertThat(AllowList.NOTHING.permits("localhost", 22, InetAddress.getLoopbackAddress())).isFalse();
    }

    @Test
    void ruleNeedsTargetsAndPorts() {
        assertThatThrownBy(() -> new AllowRule(List.of(), List.of(), List.of(new PortRange(1, 1))))
                .hasMessageContaining("hosts or cidrs");
        assertThatThrownBy(() -> new AllowRule(List.of("a"), List.of(), List.of()))
                .hasMessageContaining("needs ports");
        assertThatThrownBy(() -> new AllowRule(List.of("*"), List.of(), List.of(new PortRange(1, 1))))
                .hasMessageContaining("host pattern '*'");
        assertThatThrownBy(() -> AllowRule.requireHostPattern("a.*.b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AllowRule.requireHostPattern("Build.Internal")).isEqualTo("build.internal");
    }
}
