package io.usp.deployments.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What export writes reads back unchanged, also for values plain YAML would take for numbers or booleans. */
class DeploymentsFileTest {

    @TempDir
    Path dir;

    @Test
    void valuesThatLookLikeOtherTypesRoundTrip() throws Exception {
        Path in = dir.resolve("in.yaml");
        Files.writeString(in, """
                ipFilters:
                  - name: "123"
                    allow: ["2001:db8::/32", 10.0.0.0/8]
                    defaultAction: allow
                deployments:
                  - name: "yes"
                    listener: { bind: "::", port: 0 }
                    ipFilter: "123"
                    target: { host: "null", port: 22 }
                    client: "true"
                    idleTimeout: 90s
                    startMode: manual
                    enabled: false
                  - name: "off"
                    listener: { bind: 0.0.0.0, port: 10022 }
                    ipFilter: { block: [203.0.113.0/24] }
                    limits: { maxConnectionsPerIp: 3 }
                    target: { host: "1e3", port: 22 }
                """);
        DeploymentsFile read = DeploymentsFile.load(in);
        Path out = dir.resolve("out.yaml");
        Files.writeString(out, read.toYaml());

        DeploymentsFile again = DeploymentsFile.load(out);

        assertThat(again).isEqualTo(read);
        assertThat(again.toYaml()).isEqualTo(read.toYaml()).doesNotStartWith("---");
    }

    @Test
    void anErrorIsOneLineEvenWhenAKeyOrNameHoldsALineBreak() throws Exception {
        Path key = dir.resolve("key.yaml");
        Files.writeString(key, "deployments:\n  - name: a\n    listener: { \"p\\nort\": 1 }\n"
                + "    target: { host: a, port: 1 }\n");
        Path name = dir.resolve("name.yaml");
        Files.writeString(name, "deployments:\n  - name: \"a\\nb\"\n    listener: { port: 1 }\n"
                + "    target: { host: a, port: 1 }\n");

        for (Path file : new Path[] {key, name}) {
            assertThatThrownBy(() -> DeploymentsFile.load(file)).isInstanceOf(ConfigException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains(file.toString()));
        }
    }
}
