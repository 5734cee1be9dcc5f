package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tests that read the per-connection log: a world on the temporary folder, the log collected,
 * and no exception left for Netty to report as uncaught.
 */
abstract class WithConnectionLog extends WithTargets {

    World world;
    LogLines log;
    LogLines uncaught;

    @BeforeEach
    void collectLogs() {
        world = new World(dir);
        log = LogLines.connections();
        uncaught = LogLines.uncaughtInPipelines();
    }

    @AfterEach
    void closeWorldAndLogs() throws Exception {
        pool.shutdownNow();
        assertThat(uncaught.lines()).as("exceptions no handler caught").isEmpty();
        uncaught.close();
        log.close();
        world.close();
    }
}
