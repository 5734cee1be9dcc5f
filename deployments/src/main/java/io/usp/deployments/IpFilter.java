package io.usp.deployments;

import java.net.InetAddress;
import java.util.List;

/**
 * Block rules, then allow rules, then the default action, applied to the partner's address.
 * A deployment with no filter admits every address ({@link #ALLOW_ALL}).
 */
public record IpFilter(List<Cidr> block, List<Cidr> allow, FilterAction defaultAction) {

    public static final IpFilter ALLOW_ALL = new IpFilter(List.of(), List.of(), FilterAction.ALLOW);

    /** A filter that is written down but names no default refuses what its rules do not allow. */
    public static final FilterAction DEFAULT_ACTION = FilterAction.BLOCK;

    public IpFilter {
        block = List.copyOf(block);
        allow = List.copyOf(allow);
        if (defaultAction == null) {
            throw new IllegalArgumentException("defaultAction is required");
        }
    }

    /** The decision for one partner address, with the rule that made it. */
    public Decision decide(InetAddress partner) {
        for (Cidr rule : block) {
            if (rule.contains(partner)) {
                return new Decision(FilterAction.BLOCK, "block rule " + rule);
            }
        }
        for (Cidr rule : allow) {
            if (rule.contains(partner)) {
                return new Decision(FilterAction.ALLOW, "allow rule " + rule);
            }
        }
        return new Decision(defaultAction, "default action");
    }

    public record Decision(FilterAction action, String reason) {
        public boolean allowed() {
            return action == FilterAction.ALLOW;
        }
    }
}
