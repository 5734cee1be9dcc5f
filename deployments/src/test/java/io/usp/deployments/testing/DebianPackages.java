package io.usp.deployments.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Peers a test needs (a browser, later a database or FTP server) come from Debian's packages. A test
 * names the programs it runs; those that are missing are installed with {@code apt-get} when the
 * test runs as root, as on a fresh machine of ours, and otherwise the test fails saying what to
 * install. So {@code mvn -B verify} passes on a fresh machine without a step by hand.
 */
public final class DebianPackages {

    /** One program a test runs and the Debian package that brings it. */
    public record Program(Path path, String debianPackage) {
    }

    private static final long INSTALL_MINUTES = 15;

    private DebianPackages() {
    }

    /** Returns once every program is there, installing the missing ones' packages if it may. */
    public static synchronized void require(Program... programs) throws IOException, InterruptedException {
        Set<String> missing = missingPackages(programs);
        if (missing.isEmpty()) {
            return;
        }
        String install = "apt-get install " + String.join(" ", missing);
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException("this test needs " + missing + "; there is no apt-get here: install "
                    + "them by hand (" + install + " on Debian)");
        }
        if (!runningAsRoot()) {
            throw new IllegalStateException("this test needs " + missing + "; installing them needs root: run `sudo "
                    + install + "` once, or run the tests as root");
        }
        Path log = Files.createTempFile("usp-apt-", ".log");
        run(log, "apt-get", "update", "-q");
        List<String> installArgs = new ArrayList<>(List.of("apt-get", "install", "-y", "-q",
                "--no-install-recommends", "-o", "DPkg::Lock::Timeout=300"));
        installArgs.addAll(missing);
        run(log, installArgs.toArray(String[]::new));
        Set<String> still = missingPackages(programs);
        if (!still.isEmpty()) {
            throw new IllegalStateException("`" + install + "` ran but " + still + " still lack their programs; see "
                    + log);
        }
        Files.delete(log);
    }

    private static Set<String> missingPackages(Program... programs) {
        Set<String> missing = new LinkedHashSet<>();
        for (Program program : programs) {
            if (!Files.isExecutable(program.path())) {
                missing.add(program.debianPackage());
            }
        }
        return missing;
    }

    private static boolean runningAsRoot() throws IOException {
        return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    }

    private static void run(Path log, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process process = builder
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        if (!process.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("`" + String.join(" ", command) + "` took over " + INSTALL_MINUTES
                    + " minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("`" + String.join(" ", command) + "` failed with exit code "
                    + process.exitValue() + "; see " + log);
        }
    }
}
