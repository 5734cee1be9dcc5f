package io.usp.bench.idle;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void neverHasMoreThanTheLimitUnderWayAndRunsEveryTask() throws Exception {
        EventExecutor loop = new DefaultEventExecutor();
        try {
            AtomicInteger underWay = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<Integer> ran = new ArrayList<>();
            new Pacer(loop, Integer.MAX_VALUE, 3).run(50, i -> {
                ran.add(i);
                most.accumulateAndGet(underWay.incrementAndGet(), Math::max);
                Promise<Void> step = loop.newPromise();
                loop.schedule(() -> {
                    underWay.decrementAndGet();
                    step.setSuccess(null);
                }, 1, TimeUnit.MILLISECONDS);
                return step;
            }).get(5, TimeUnit.SECONDS);
            assertThat(ran).hasSize(50).doesNotHaveDuplicates();
            assertThat(most.get()).isLessThanOrEqualTo(3);
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
