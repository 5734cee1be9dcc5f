package io.usp.deployments.route;

import io.usp.deployments.Cidr;
import io.usp.deployments.Target;
import java.util.List;
import java.util.Optional;

/**
 * What a collection decided for one destination, and why: the log, the connection history, the
 * metrics and the admin's "test a destination" box all show it.
 *
 * @param rule          the number (from 1) of the rule that decided; 0 when none matched
 * @param client        for {@code tunnel}, the client to go through
 * @param destination   where the connection goes: the request after DNS overrides
 * @param requiredCidrs when not empty, the destination is a name and must resolve into one of
 *                      these where the connection is made (on the client for {@code tunnel})
 * @param why           one line for people, e.g. {@code rule 2 (tunnel via agent-a): host … matches …}
 */
public record RuleDecision(int rule, RuleAction action, Optional<String> client, Target requested,
                           Target destination, List<Cidr> requiredCidrs, String why) {

    public RuleDecision {
        requiredCidrs = List.copyOf(requiredCidrs);
    }

    static RuleDecision none(Target requested, Target destination) {
        return new RuleDecision(0, RuleAction.BLOCK, Optional.empty(), requested, destination, List.of(),
                "no rule matches " + requested.authority() + ": refused");
    }

    public boolean matched() {
        return rule > 0;
    }

    /** Whether the partner may go on: a rule matched and it is not a block rule. */
    public boolean allowed() {
        return action != RuleAction.BLOCK;
    }
}
