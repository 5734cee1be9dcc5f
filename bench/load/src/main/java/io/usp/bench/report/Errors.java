package io.usp.bench.report;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Failed steps of a run, counted rather than thrown: how many, and what the first one was. */
public final class Errors {

    private final LongAdder count = new LongAdder();
    private final AtomicReference<String> first = new AtomicReference<>();

    public void record(Throwable failure) {
        count.increment();
        first.compareAndSet(null, describe(failure));
    }

    public long count() {
        return count.sum();
    }

    /** The first failure, or null when there was none. */
    public String first() {
        return first.get();
    }

    /** The root cause: Netty wraps what the kernel said (refused, reset, no descriptors) a layer or two deep. */
    public static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String text = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        if (text.contains("Too many open files")) {
            text += " (raise the open-file limit with ulimit -n before starting usp-load)";
        }
        return text;
    }
}
