package io.usp.deployments.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file to import may come from anywhere: its size and its values are capped before they cost
 * time or memory, and an error quotes only the start of a long value.
 */
class HostileFileTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverTheSizeLimitIsRefusedUnread() throws Exception {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(StrictYaml.MAX_FILE_BYTES + 1); // sparse: no time spent writing it
        }
        assertThatThrownBy(() -> DeploymentsFile.load(big))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(big.toString())
                .hasMessageContaining("the limit is 32 MiB");
    }

    @Test
    void aFourMegabyteValueIsRefusedByItsLineBeforeParsing() throws Exception {
        Path file = dir.resolve("scalar.yaml");
        Files.writeString(file, "deployments:\n  - name: " + "a".repeat(4 << 20) + "\n"
                + "    listener: { bind: 127.0.0.1, port: 1 }\n    target: { host: x, port: 1 }\n");
        assertThatThrownBy(() -> DeploymentsFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("line 2 is " + ((4 << 20) + 10) + " characters long; the limit is 8192")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));
    }

    @Test
    void aLongValueOverManyShortLinesIsRefusedNamingItsField() throws Exception {
        Path file = dir.resolve("folded.yaml");
        Files.writeString(file, "deployments:\n  - name: >\n" + ("      " + "b".repeat(100) + "\n").repeat(200)
                + "    listener: { bind: 127.0.0.1, port: 1 }\n    target: { host: x, port: 1 }\n");
        assertThatThrownBy(() -> DeploymentsFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("field 'deployments[0].name'")
                .hasMessageContaining("characters long; the limit is 8192");
    }

    @Test
    void anErrorQuotesOnlyTheStartOfALongName() throws Exception {
        Path file = dir.resolve("name.yaml");
        String name = "n".repeat(5000);
        Files.writeString(file, "deployments:\n  - name: " + name + "\n"
                + "    listener: { bind: 127.0.0.1, port: 1 }\n    target: { host: x, port: 1 }\n");
        assertThatThrownBy(() -> DeploymentsFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("n".repeat(64) + "... (5000 characters)")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600));
    }

    @Test
    void aliasesCannotMultiplyAFile() throws Exception {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
        }
        Path file = dir.resolve("laughs.yaml");
        Files.writeString(file, yaml);
        assertThatThrownBy(() -> DeploymentsFile.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString());
    }
}
