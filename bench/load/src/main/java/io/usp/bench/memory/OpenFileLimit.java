package io.usp.bench.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** This process's soft RLIMIT_NOFILE, read from {@code /proc/self/limits}; empty where there is none. */
public final class OpenFileLimit {

    private OpenFileLimit() {
    }

    public static OptionalLong soft() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(soft));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or an unexpected format: nothing to warn about then
        }
        return OptionalLong.empty();
    }
}
