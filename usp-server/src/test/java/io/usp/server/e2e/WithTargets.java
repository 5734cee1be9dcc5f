package io.usp.server.e2e;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What most end-to-end tests start with: a temporary folder for the world's files, real
 * targets, and threads to drive partners; the targets and threads are stopped after each test.
 */
abstract class WithTargets {

    @TempDir
    Path dir;
    final Targets targets = new Targets();
    final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopTargetsAndPool() throws Exception {
        pool.shutdownNow();
        targets.close();
    }
}
