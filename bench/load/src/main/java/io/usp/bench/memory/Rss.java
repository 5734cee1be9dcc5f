package io.usp.bench.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resident memory of processes, as the kernel reports it in {@code /proc/PID/status} (VmRSS).
 * The files are opened once and re-read from offset 0 (procfs regenerates them), so that a
 * reading still works when the connections under test have used up every file descriptor.
 */
public final class Rss implements AutoCloseable {

    private final Map<String, FileChannel> status = new LinkedHashMap<>();

    public Rss(List<Long> pids) {
        try {
            for (long pid : pids) {
                status.put(Long.toString(pid), open(pid));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** VmRSS of each pid in kB, keyed by the pid as text (the JSON object's keys). */
    public Map<String, Long> kb() {
        Map<String, Long> rss = new LinkedHashMap<>();
        status.forEach((pid, file) -> rss.put(pid, kb(pid, file)));
        return rss;
    }

    @Override
    public void close() {
        for (FileChannel file : status.values()) {
            try {
                file.close();
            } catch (IOException e) {
                // read-only procfs file: nothing was lost
            }
        }
    }

    private static FileChannel open(long pid) {
        Path path = Path.of("/proc", Long.toString(pid), "status");
        try {
            return FileChannel.open(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no process " + pid + " (" + path + " does not exist)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static long kb(String pid, FileChannel file) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            int n;
            do { // from offset 0 each time: a status file is a few kB, read whole
                n = file.read(buf, buf.position());
            } while (n > 0 && buf.hasRemaining());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status (has the process ended?)", e);
        }
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
        for (String line : text.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS line (has the process ended?)");
    }
}
