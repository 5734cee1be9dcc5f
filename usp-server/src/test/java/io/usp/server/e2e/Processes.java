package io.usp.server.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real program (curl, ssh) as a partner would, with its input from a file and its output to one. */
final class Processes {

    /** What a finished program left: exit code, standard output's file, standard error as text. */
    record Run(int exit, Path out, String err) {
        String outText() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }
    }

    private static final long TIMEOUT_SECONDS = 120;

    private Processes() {
    }

    static Run run(Path dir, Path input, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out-", ".bin");
        Path err = Files.createTempFile(dir, "err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.redirectInput(input == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(input.toFile()));
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(command + " ran over " + TIMEOUT_SECONDS + " s; stderr: "
                    + Files.readString(err));
        }
        return new Run(process.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
    }
}
