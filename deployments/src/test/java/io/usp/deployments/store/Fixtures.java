package io.usp.deployments.store;

import io.usp.deployments.Cidr;
import io.usp.deployments.Deployment;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.Limits;
import io.usp.deployments.Listener;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.StartMode;
import io.usp.deployments.Target;
import io.usp.deployments.Cidr;
import io.usp.deployments.PortRange;
import io.usp.deployments.route.CollectionRoute;
import io.usp.deployments.route.DnsOverrides;
import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.route.HostPattern;
import io.usp.deployments.route.Mode;
import io.usp.deployments.route.Rule;
import io.usp.deployments.route.RuleAction;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/** Deployments and filters the store tests build on. */
final class Fixtures {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private Fixtures() {
    }

    /** A fresh in-memory database per call. */
    static String uniqueName(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + DATABASES.incrementAndGet();
    }

    static IpFilter filter(List<String> block, List<String> allow, FilterAction action) {
        return new IpFilter(block.stream().map(Cidr::parse).toList(), allow.stream().map(Cidr::parse).toList(), action);
    }

    static NamedIpFilter partners() {
        return new NamedIpFilter("partners-eu", filter(List.of("203.0.113.0/24"),
                List.of("198.51.100.0/24", "2001:db8::/32"), FilterAction.BLOCK));
    }

    /** Direct, no filter, no limits, auto start, enabled. */
    static Deployment direct(String name, int port) {
        return new Deployment(name, new Listener("0.0.0.0", port), IpFilter.ALLOW_ALL, Limits.NONE,
                new Target("web.internal", 8080), Optional.empty(), Deployment.DEFAULT_IDLE_TIMEOUT);
    }

    /** A SOCKS5 collection: a block rule, a tunnel rule with its own client and ranges, a direct rule, overrides. */
    static Deployment collection(String name, int port) {
        List<Rule> rules = List.of(
                new Rule(RuleAction.BLOCK, Optional.empty(), List.of(HostPattern.parse("*.secret.internal")), List.of(),
                        List.of()),
                new Rule(RuleAction.TUNNEL, Optional.of("agent-b"), List.of(HostPattern.parse("re:^db[0-9]+$"),
                        HostPattern.parse("vnc*")), List.of(Cidr.parse("10.20.0.0/16")),
                        List.of(PortRange.parse("22"), PortRange.parse("5901-5999"))),
                new Rule(RuleAction.DIRECT, Optional.empty(), List.of(HostPattern.parse("status.example.com")),
                        List.of(), List.of(PortRange.parse("443"))));
        return new Deployment(name, new Listener("0.0.0.0", port), IpFilter.ALLOW_ALL, Limits.NONE,
                new CollectionRoute(Mode.SOCKS5, rules, new DnsOverrides(Map.of("vnc1.com", "10.20.1.7")),
                        Optional.of("agent-a")), Deployment.DEFAULT_IDLE_TIMEOUT);
    }

    /** Tunnelled through agent-a, inline filter, every limit, manual start, disabled. */
    static Deployment tunnelled(String name, int port) {
        return new Deployment(name, new Listener("127.0.0.1", port),
                filter(List.of("192.0.2.7"), List.of("10.0.0.0/8", "::1"), FilterAction.ALLOW),
                new Limits(OptionalInt.of(100), OptionalInt.of(10), OptionalInt.of(20)),
                new FixedRoute(new Target("build.internal", 22), Optional.of("agent-a")), Duration.ofMinutes(30),
                Optional.empty(), StartMode.MANUAL, false);
    }

    /** Tunnelled through agent-b, using {@code filter} by name. */
    static Deployment named(String name, int port, NamedIpFilter filter) {
        return new Deployment(name, new Listener("0.0.0.0", port), IpFilter.ALLOW_ALL,
                new Limits(OptionalInt.empty(), OptionalInt.of(5), OptionalInt.empty()),
                new Target("2001:db8::10", 443), Optional.of("agent-b"), Duration.ofMillis(1500))
                .withFilter(filter);
    }
}
