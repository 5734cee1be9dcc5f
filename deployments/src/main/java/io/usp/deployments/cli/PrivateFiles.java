package io.usp.deployments.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Refuses to start on private key files (and the database) that others may read: a key readable
 * by other users of the machine is as good as published. Both programs check theirs before they
 * load anything; the message says how to fix it.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PrivateFiles() {
    }

    /**
     * Checks each file that exists; absent ones are skipped (they are created owner-only). On a
     * file system without POSIX modes there is nothing to check.
     *
     * @throws IllegalStateException naming the first file group or others may use, with its mode and the fix
     */
    public static void requireOwnerOnly(Path... files) {
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (view == null) {
                continue;
            }
            Set<PosixFilePermission> mode;
            try {
                mode = view.readAttributes().permissions();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the permissions of " + file, e);
            }
            if (mode.stream().anyMatch(OTHERS::contains)) {
                throw new IllegalStateException(file + " may be used by other users (mode "
                        + PosixFilePermissions.toString(mode) + "); it must be readable by its owner only: "
                        + "chmod 600 " + file + " (and check who may have copied it)");
            }
        }
    }
}
