package io.usp.server.config;

import io.usp.deployments.cli.PrivateFiles;
import io.usp.deployments.store.SharedDatabase;
import io.usp.deployments.yaml.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code database} block of server.yaml: a shared PostgreSQL instead of the embedded H2 in
 * {@code dataDir}. The password is read from {@code passwordFile}, which must be owner-only,
 * never from server.yaml itself.
 */
final class DatabaseSettings {

    record Yaml(String url, String user, String passwordFile) {
    }

    private DatabaseSettings() {
    }

    static SharedDatabase read(Entry top, Yaml y) {
        String url = top.require("database.url", y.url());
        String user = top.require("database.user", y.user());
        Path passwordFile = top.path("database.passwordFile", y.passwordFile());
        String password = top.check("database.passwordFile", () -> password(passwordFile));
        return top.check("database.url", () -> new SharedDatabase(url, user, password));
    }

    /** The file's first line; the file must exist and be readable by its owner only. */
    private static String password(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist");
        }
        try {
            PrivateFiles.requireOwnerOnly(file);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            String first = Files.readAllLines(file).stream().findFirst().orElse("");
            if (first.isEmpty()) {
                throw new IllegalArgumentException(file + " is empty: its first line is the password");
            }
            return first;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
