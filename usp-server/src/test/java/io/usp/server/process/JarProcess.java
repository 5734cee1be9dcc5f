package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One built jar started as a real process, the way a user runs it: {@code java -jar ... args}.
 * Its stdout and stderr go to files in its working folder, read back for assertions and shown
 * whenever a wait fails.
 */
final class JarProcess implements AutoCloseable {

    /** Relative to the usp-server module, where failsafe runs. */
    static final Path SERVER_JAR = Path.of("target/usp-server.jar");
    static final Path CLIENT_JAR = Path.of("../usp-client/target/usp-client.jar");
    /** Generous: a cold JVM on a loaded CI machine. Waits poll; none of this is a timing assertion. */
    private static final Pattern FIRST_ADMIN = Pattern.compile("Created admin user 'admin' with password: (\\S+)");
    static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private JarProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code jar} with {@code args} in {@code dir}; output goes to {@code dir/<name>.out|.err}. */
    static JarProcess start(Path jar, Path dir, String name, String... args) throws IOException {
        assertThat(jar).as("%s is built by 'mvn package'; run these tests with 'mvn verify'", jar).isRegularFile();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        return new JarProcess(name, process, out, err);
    }

    String stdout() {
        return read(out);
    }

    String stderr() {
        return read(err);
    }

    /** Writes {@code text} to the process's standard input and closes it, as a pipe into the command would. */
    void input(String text) throws IOException {
        try (var in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until stdout holds {@code text}; fails at once if the process exits first. */
    void awaitOutput(String text) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!stdout().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + " before printing '" + text
                        + "'\n" + transcript());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print '" + text + "' within " + DEADLINE + "\n"
                        + transcript());
            }
            pause();
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + DEADLINE + "\n" + transcript());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM and waits for the process to end; returns its exit code (143 after SIGTERM). */
    int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    /** The generated password of the first admin, which a first start prints once. */
    String firstAdminPassword() {
        Matcher created = FIRST_ADMIN.matcher(stdout());
        assertThat(created.find()).as("the first admin's password\n" + transcript()).isTrue();
        return created.group(1);
    }

    /** Both outputs, for failure messages. */
    String transcript() {
        return "--- " + name + " stdout ---\n" + stdout() + "--- " + name + " stderr ---\n" + stderr();
    }

    /** SIGTERM, and SIGKILL if it has not ended after a grace period. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
