package io.usp.deployments.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.deployments.Cidr;
import io.usp.deployments.PortRange;
import io.usp.deployments.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a collection's ordered rules decide a partner's request. */
class CollectionRouteTest {

    private static Rule rule(RuleAction action, List<String> hosts, List<String> cidrs, String... ports) {
        return new Rule(action, Optional.empty(), hosts.stream().map(HostPattern::parse).toList(),
                cidrs.stream().map(Cidr::parse).toList(), Arrays.stream(ports).map(PortRange::parse).toList());
    }

    private static CollectionRoute collection(Rule... rules) {
        return new CollectionRoute(Mode.CONNECT, List.of(rules), DnsOverrides.NONE, Optional.of("agent-a"));
    }

    private static int ruleFor(CollectionRoute c, String host, int port) {
        return c.decide(new Target(host, port)).rule();
    }

    @Test
    void everyHostPatternForm() {
        CollectionRoute c = collection(
                rule(RuleAction.TUNNEL, List.of("build.internal"), List.of()),
                rule(RuleAction.TUNNEL, List.of("*.corp.internal"), List.of()),
                rule(RuleAction.TUNNEL, List.of("vnc*"), List.of()),
                rule(RuleAction.TUNNEL, List.of("re:db[0-9]+\\.internal"), List.of()));

        assertThat(ruleFor(c, "build.internal", 22)).isEqualTo(1);
        assertThat(ruleFor(c, "x.build.internal", 22)).as("exact is exact").isZero();
        assertThat(ruleFor(c, "a.corp.internal", 22)).isEqualTo(2);
        assertThat(ruleFor(c, "a.b.corp.internal", 22)).isEqualTo(2);
        assertThat(ruleFor(c, "corp.internal", 22)).as("*.x is below x, not x").isZero();
        assertThat(ruleFor(c, "evilcorp.internal", 22)).as("a suffix starts at a dot").isZero();
        assertThat(ruleFor(c, "vnc7.lab", 5901)).isEqualTo(3);
        assertThat(ruleFor(c, "db12.internal", 5432)).isEqualTo(4);
    }

    @Test
    void regexMustMatchTheWholeName() {
        CollectionRoute c = collection(rule(RuleAction.TUNNEL, List.of("re:db[0-9]+\\.internal"), List.of()));

        assertThat(ruleFor(c, "db1.internal", 1)).isEqualTo(1);
        assertThat(ruleFor(c, "db1.internal.evil.com", 1)).as("no match at the start only").isZero();
        assertThat(ruleFor(c, "xdb1.internal", 1)).as("no match at the end only").isZero();
        assertThat(ruleFor(c, "DB1.Internal", 1)).as("case-insensitive").isEqualTo(1);
    }

    @Test
    void namesCompareWithoutCaseAndTrailingDot() {
        CollectionRoute c = collection(rule(RuleAction.DIRECT, List.of("Status.Example.COM."), List.of(), "443"));

        assertThat(ruleFor(c, "status.example.com", 443)).isEqualTo(1);
        assertThat(ruleFor(c, "STATUS.example.com.", 443)).isEqualTo(1);
    }

    @Test
    void firstMatchWinsSoTheSpecificRuleGoesFirst() {
        CollectionRoute c = collection(
                rule(RuleAction.BLOCK, List.of("*.secret.build.internal"), List.of()),
                rule(RuleAction.TUNNEL, List.of("*.build.internal"), List.of(), "22", "5901-5999"));

        RuleDecision blocked = c.decide(new Target("vault.secret.build.internal", 22));
        assertThat(blocked.rule()).isEqualTo(1);
        assertThat(blocked.allowed()).isFalse();
        assertThat(blocked.why()).startsWith("rule 1 (block): host vault.secret.build.internal matches *.secret.build.internal");

        RuleDecision allowed = c.decide(new Target("ci.build.internal", 5905));
        assertThat(allowed.rule()).isEqualTo(2);
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.client()).contains("agent-a");
        assertThat(allowed.why()).isEqualTo("rule 2 (tunnel via agent-a): host ci.build.internal matches"
                + " *.build.internal, port 5905 in 5901-5999");
    }

    @Test
    void portRangesAreInclusiveAndAPortOutsideFallsThrough() {
        CollectionRoute c = collection(rule(RuleAction.TUNNEL, List.of(), List.of(), "5901-5999"),
                rule(RuleAction.BLOCK, List.of(), List.of()));

        assertThat(ruleFor(c, "any", 5901)).isEqualTo(1);
        assertThat(ruleFor(c, "any", 5999)).isEqualTo(1);
        assertThat(ruleFor(c, "any", 5900)).isEqualTo(2);
        assertThat(ruleFor(c, "any", 6000)).isEqualTo(2);
    }

    @Test
    void noMatchRefusesAndSaysSo() {
        RuleDecision none = collection(rule(RuleAction.TUNNEL, List.of("a.internal"), List.of())).decide(
                new Target("b.internal", 22));

        assertThat(none.matched()).isFalse();
        assertThat(none.allowed()).isFalse();
        assertThat(none.why()).isEqualTo("no rule matches b.internal:22: refused");
    }

    @Test
    void cidrsOfAnAddressAreCheckedHereAndFallThrough() {
        CollectionRoute c = collection(rule(RuleAction.TUNNEL, List.of(), List.of("10.20.0.0/16"), "443"),
                rule(RuleAction.DIRECT, List.of(), List.of()));

        RuleDecision inside = c.decide(new Target("10.20.1.7", 443));
        assertThat(inside.rule()).isEqualTo(1);
        assertThat(inside.requiredCidrs()).as("already checked").isEmpty();
        assertThat(inside.why()).contains("address 10.20.1.7 in 10.20.0.0/16");
        assertThat(ruleFor(c, "10.30.1.7", 443)).isEqualTo(2);
    }

    @Test
    void cidrsOfANameAreAConditionWhereItResolves() {
        CollectionRoute c = collection(rule(RuleAction.TUNNEL, List.of(), List.of("10.20.0.0/16"), "443"));

        RuleDecision d = c.decide(new Target("api.internal", 443));
        assertThat(d.rule()).isEqualTo(1);
        assertThat(d.requiredCidrs()).containsExactly(Cidr.parse("10.20.0.0/16"));
        assertThat(d.why()).contains("api.internal must resolve into 10.20.0.0/16 where it is connected");
    }

    @Test
    void dnsOverridesChangeTheDestinationNotTheMatch() {
        CollectionRoute c = new CollectionRoute(Mode.SOCKS5,
                List.of(rule(RuleAction.TUNNEL, List.of("vnc1.com"), List.of()),
                        rule(RuleAction.TUNNEL, List.of("legacy.build.internal"), List.of("10.20.0.0/16"))),
                new DnsOverrides(Map.of("VNC1.com.", "myvncservice.internal", "legacy.build.internal", "10.20.1.7")),
                Optional.of("agent-a"));

        RuleDecision vnc = c.decide(new Target("vnc1.com", 5900));
        assertThat(vnc.rule()).isEqualTo(1);
        assertThat(vnc.destination()).isEqualTo(new Target("myvncservice.internal", 5900));
        assertThat(vnc.why()).endsWith("; DNS override to myvncservice.internal:5900");

        RuleDecision legacy = c.decide(new Target("legacy.build.internal", 22));
        assertThat(legacy.destination()).isEqualTo(new Target("10.20.1.7", 22));
        assertThat(legacy.requiredCidrs()).as("the override is an address: checked here").isEmpty();
    }

    @Test
    void aTunnelRuleNeedsAClientAndOnlyATunnelRuleMayNameOne() {
        Rule tunnel = rule(RuleAction.TUNNEL, List.of(), List.of());
        assertThatThrownBy(() -> new CollectionRoute(Mode.CONNECT, List.of(tunnel), DnsOverrides.NONE, Optional.empty()))
                .hasMessageContaining("rule 1 is a tunnel rule without a client");
        assertThatThrownBy(() -> new Rule(RuleAction.DIRECT, Optional.of("agent-b"), List.of(), List.of(), List.of()))
                .hasMessageContaining("client is only for a tunnel rule");
        Rule own = new Rule(RuleAction.TUNNEL, Optional.of("agent-b"), List.of(), List.of(), List.of());
        CollectionRoute c = new CollectionRoute(Mode.CONNECT, List.of(own), DnsOverrides.NONE, Optional.empty());
        assertThat(c.decide(new Target("x", 1)).client()).contains("agent-b");
        assertThat(c.clients()).containsExactly("agent-b");
    }

    @Test
    void badPatternsSayWhatIsWrong() {
        assertThatThrownBy(() -> HostPattern.parse("re:db[0-9")).hasMessageContaining("not a valid regular expression");
        assertThatThrownBy(() -> HostPattern.parse("a b")).hasMessageContaining("host pattern 'a b' must be");
        assertThatThrownBy(() -> HostPattern.parse("*")).hasMessageContaining("host pattern '*' must be");
        assertThat(HostPattern.parse("re:X").text()).isEqualTo("re:X");
        assertThat(HostPattern.parse("re:X")).isEqualTo(HostPattern.parse("re:X"));
    }
}
