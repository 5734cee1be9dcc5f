package io.usp.admin.route;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.Cidr;
import io.usp.deployments.route.CollectionRoute;
import io.usp.deployments.route.RuleAction;
import io.usp.deployments.route.RuleDecision;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a collection decided for a tested destination, in the two forms it is shown: the API's
 * JSON ({@link #json}) and the page's lines ({@link #lines}). Both come from here so they agree.
 */
public record DestinationAnswer(CollectionRoute collection, RuleDecision decision) {

    /**
     * One line of the page's answer.
     *
     * @param key   stable, for the element's id ({@code test-KEY})
     * @param label what the line is
     * @param text  plain text, escaped by the page
     */
    public record Line(String key, String label, String text) {
    }

    /**
     * {@code {"rule", "action", "client", "destination", "requiredCidrs", "allowed", "why"}}; {@code rule}
     * is 0 and {@code action} null when no rule matched; {@code client} is null unless a tunnel rule decided.
     */
    public ObjectNode json() {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("rule", decision.rule());
        if (decision.matched()) {
            out.put("action", decision.action().label());
        } else {
            out.putNull("action");
        }
        if (decision.client().isPresent()) {
            out.put("client", decision.client().get());
        } else {
            out.putNull("client");
        }
        out.put("destination", decision.destination().authority());
        ArrayNode cidrs = out.putArray("requiredCidrs");
        decision.requiredCidrs().forEach(c -> cidrs.add(c.toString()));
        return out.put("allowed", decision.allowed()).put("why", decision.why());
    }

    /** Rule (number and the rule as written), action, client, destination, CIDRs required, why. */
    public List<Line> lines() {
        String rule = decision.matched() ? "rule " + decision.rule() + ": "
                + RuleText.of(collection.rules().get(decision.rule() - 1), collection.client())
                : "none: no rule matches, so the request is refused";
        String action = decision.matched() ? decision.action().label() : "refused (no rule)";
        String destination = decision.destination().authority()
                + (decision.destination().equals(decision.requested()) ? ""
                : " (DNS override of " + decision.requested().host() + ")");
        List<Cidr> required = decision.requiredCidrs();
        String cidrs = required.isEmpty() ? "none"
                : required.stream().map(Cidr::toString).collect(Collectors.joining(" or "))
                + " (" + decision.destination().host() + " is a name: checked where it is resolved)";
        return List.of(new Line("rule", "Rule", rule), new Line("action", "Action", action),
                new Line("client", "Client", decision.client().orElse(decision.matched()
                        && decision.action() == RuleAction.DIRECT ? "none: the server connects itself" : "none")),
                new Line("destination", "Destination", destination),
                new Line("required-cidrs", "Must resolve into", cidrs),
                new Line("why", "Why", decision.why()));
    }
}
