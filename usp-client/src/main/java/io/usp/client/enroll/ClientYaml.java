package io.usp.client.enroll;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The {@code client.yaml} enrollment writes: ready to run, with an empty allow-list. */
final class ClientYaml {

    private ClientYaml() {
    }

    static String text(String name, String host, int port) {
        String hostText = host.contains(":") ? "\"" + host + "\"" : host;
        return """
                # Written by 'usp-client enroll'. See docs/configuration.md for every key.
                name: %1$s
                server: { host: %2$s, port: %3$d }
                tls: { cert: %1$s.crt, key: %1$s.key, ca: ca.crt }
                # The allow-list is this machine's own decision, and it is empty: the client refuses
                # every target until you list the ones it may reach, for example:
                #   allow:
                #     - hosts: [build.internal]
                #       ports: [22]
                #     - cidrs: [10.20.0.0/16]
                #       ports: [443, "8000-8099"]
                allow: []
                """.formatted(name, hostText, port);
    }

    /** Writes {@code file}; never replaces one (checked before enrolling, and again here). */
    static void write(Path file, String name, String host, int port) throws IOException {
        Files.writeString(file, text(name, host, port), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
    }
}
