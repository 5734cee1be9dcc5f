package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A target that stops reading while the partner sends as fast as it can: the relay must stop
 * reading the partner, so what is in flight stays bounded by windows and socket buffers, and
 * every byte still arrives once the target reads again.
 */
class BackpressureTest extends WithTargets {

    /** Socket buffers on both hops, the stream window and the write-buffer marks, with room to spare. */
    private static final long IN_FLIGHT_BOUND = 48L << 20;
    private static final int TOTAL = 160 << 20;

    @Test
    void stalledTargetHoldsThePartnerBackAndLosesNothing() throws Exception {
        CountDownLatch startReading = new CountDownLatch(1);
        CompletableFuture<Partner.Digest> received = new CompletableFuture<>();
        int target = targets.start(s -> {
            try {
                startReading.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            received.complete(Partner.readAll(s.getInputStream()));
        });
        try (World world = new World(dir)) {
            world.startServer(List.of(World.tunnelled("slow", "agent-a", target)));
            world.startClient("agent-a", World.allowLoopback());
            world.awaitTunnels("agent-a", 2);

            byte[] data = Partner.random(TOTAL, 7);
            AtomicLong written = new AtomicLong();
            try (Socket partner = Partner.connect(world.port("slow"))) {
                Future<?> sender = pool.submit(() -> {
                    OutputStream out = partner.getOutputStream();
                    for (int off = 0; off < data.length; off += 64 * 1024) {
                        out.write(data, off, Math.min(64 * 1024, data.length - off));
                        written.addAndGet(Math.min(64 * 1024, data.length - off));
                    }
                    partner.shutdownOutput();
                    return null;
                });
                awaitStall(written);
                assertThat(written.get()).as("bytes the partner got rid of while the target read nothing")
                        .isLessThan(IN_FLIGHT_BOUND);

                startReading.countDown();
                sender.get();
                Partner.Digest got = received.get();
                assertThat(got.bytes()).isEqualTo(TOTAL);
                assertThat(got.sha256()).isEqualTo(Partner.sha256(data));
            }
        }
    }

    /** Waits until the sender has made no progress for a while: it is blocked on a full pipe. */
    private static void awaitStall(AtomicLong written) throws InterruptedException {
        long last = -1;
        int still = 0;
        while (still < 10) {
            Thread.sleep(100);
            long now = written.get();
            still = now == last ? still + 1 : 0;
            last = now;
            assertThat(now).as("the sender never stalls").isLessThan(TOTAL);
        }
    }
}
