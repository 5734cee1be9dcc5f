package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.Deployment;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The listeners follow a change in the store and leave untouched listeners alone. */
class ReconcileTest extends WithTargets {

    @Test
    void removedListenerClosesItsPartnersWhileOthersKeepTransferring() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir)) {
            Deployment keep = World.direct("keep", echo);
            Deployment drop = World.direct("drop", echo);
            world.startServer(List.of(keep, drop));
            int keepPort = world.port("keep");
            byte[] data = Partner.random(32 << 20, 11);

            try (Socket kept = Partner.connect(keepPort); Socket dropped = Partner.connect(world.port("drop"))) {
                Future<Partner.Digest> back = pool.submit(() -> Partner.readAll(kept.getInputStream()));
                kept.getOutputStream().write(data, 0, data.length / 2);
                dropped.getOutputStream().write(1);
                assertThat(dropped.getInputStream().read()).isEqualTo(1);

                world.server().database().deployments().delete("drop", "test");
                world.server().reconcile();

                assertThat(Partner.closedByServer(dropped)).isTrue();
                assertThat(world.server().listeners().get("drop")).isEmpty();
                kept.getOutputStream().write(data, data.length / 2, data.length - data.length / 2);
                kept.shutdownOutput();
                assertThat(back.get().sha256()).isEqualTo(Partner.sha256(data));
            }
            assertThat(world.port("keep")).isEqualTo(keepPort);
        }
    }

    @Test
    void changedFilterAppliesToNewConnectionsOnTheSamePort() throws Exception {
        int echo = targets.start(Targets::echo);
        try (World world = new World(dir)) {
            Deployment open = World.direct("svc", echo);
            world.startServer(List.of(open));
            int port = world.port("svc");
            try (Socket before = Partner.connect(port)) {
                before.getOutputStream().write(7);
                assertThat(before.getInputStream().read()).isEqualTo(7);

                Deployment closed = new Deployment(open.name(), open.listener(),
                        new IpFilter(List.of(), List.of(), FilterAction.BLOCK), open.limits(), open.route(),
                        open.idleTimeout());
                world.server().database().deployments().update("svc", closed, "test");
                world.server().reconcile();

                assertThat(world.port("svc")).isEqualTo(port);
                try (Socket after = Partner.connect(port)) {
                    assertThat(Partner.closedByServer(after)).isTrue();
                }
                before.getOutputStream().write(8);
                assertThat(before.getInputStream().read()).as("the open connection is untouched").isEqualTo(8);
            }
        }
    }
}
