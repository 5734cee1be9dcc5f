package io.usp.server.listener;

import io.netty.channel.ChannelPipeline;
import io.usp.deployments.route.Route;
import io.usp.server.front.FixedFront;
import io.usp.server.front.Front;

/** The front stage of a route kind, its handlers added to a partner's pipeline. */
final class Fronts {

    private Fronts() {
    }

    static Front install(ChannelPipeline pipeline, Route route) {
        return route.fold(fixed -> new FixedFront(fixed.target()), collection -> {
            throw new IllegalStateException("collections have no front stage yet");
        });
    }
}
