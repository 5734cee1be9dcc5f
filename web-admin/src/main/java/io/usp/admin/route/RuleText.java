package io.usp.admin.route;

import io.usp.deployments.route.Rule;
import io.usp.deployments.route.RuleAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A collection's rule in one line for people: {@code tunnel via agent-a: hosts *.build.internal; ports 22, 5901-5999}. */
public final class RuleText {

    private RuleText() {
    }

    /** @param defaultClient the deployment's client, which a tunnel rule naming none goes through */
    public static String of(Rule rule, Optional<String> defaultClient) {
        String via = rule.action() == RuleAction.TUNNEL
                ? rule.client().or(() -> defaultClient).map(c -> " via " + c).orElse("") : "";
        List<String> parts = new ArrayList<>();
        if (!rule.hosts().isEmpty()) {
            parts.add("hosts " + rule.hosts().stream().map(h -> h.text()).collect(Collectors.joining(", ")));
        }
        if (!rule.cidrs().isEmpty()) {
            parts.add("cidrs " + joined(rule.cidrs()));
        }
        if (!rule.ports().isEmpty()) {
            parts.add("ports " + joined(rule.ports()));
        }
        return rule.action().label() + via + ": " + (parts.isEmpty() ? "every destination" : String.join("; ", parts));
    }

    private static String joined(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
