package io.usp.deployments.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void ownerOnlyAndMissingFilesPass() throws Exception {
        Path key = Files.writeString(dir.resolve("a.key"), "secret");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));

        assertThatCode(() -> PrivateFiles.requireOwnerOnly(key, dir.resolve("absent.key"))).doesNotThrowAnyException();
    }

    @Test
    void aFileOthersMayReadIsRefusedWithTheFix() throws Exception {
        Path key = Files.writeString(dir.resolve("ca.key"), "secret");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> PrivateFiles.requireOwnerOnly(key))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("rw-r-----")
                .hasMessageContaining("chmod 600 " + key);
    }
}
