package io.usp.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.store.SharedDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** server.yaml's {@code database} block: a shared PostgreSQL, its password read from an owner-only file. */
class DatabaseConfigTest {

    private static final String SHARED = """
            database:
              url: jdbc:postgresql://db.dmz:5432/usp
              user: usp
              passwordFile: db-password
            cluster:
              secretFile: cluster.secret
            """;

    @TempDir
    Path dir;

    private void password(String text, String mode) throws IOException {
        write("db-password", text.getBytes(java.nio.charset.StandardCharsets.UTF_8), mode);
    }

    private void write(String name, byte[] content, String mode) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private void secret(int bytes) throws IOException {
        write("cluster.secret", new byte[bytes], "rw-------");
    }

    @Test
    void absentMeansTheEmbeddedH2InTheDataFolder() throws IOException {
        assertThat(ServerConfigLoader.load(ServerConfigLoaderTest.write(dir, "dataDir: data\n")).cluster()).isEmpty();
    }

    @Test
    void theSharedDatabaseTakesItsPasswordFromTheFirstLineOfItsFile() throws IOException {
        password("s3cret pass\nignored\n", "rw-------");
        secret(32);
        ServerConfig config = ServerConfigLoader.load(ServerConfigLoaderTest.write(dir, SHARED));
        SharedDatabase database = config.cluster().orElseThrow().database();
        assertThat(database).isEqualTo(new SharedDatabase("jdbc:postgresql://db.dmz:5432/usp", "usp", "s3cret pass"));
        assertThat(database.toString()).doesNotContain("s3cret");
    }

    @Test
    void errorsNameTheField() throws IOException {
        secret(32);
        ServerConfigLoaderTest.failure(dir, SHARED).hasMessageContaining("field 'database.passwordFile': ")
                .hasMessageContaining("db-password does not exist");
        password("s3cret\n", "rw-r--r--");
        ServerConfigLoaderTest.failure(dir, SHARED).hasMessageContaining("field 'database.passwordFile': ")
                .hasMessageContaining("readable by its owner only: chmod 600");
        password("", "rw-------");
        ServerConfigLoaderTest.failure(dir, SHARED).hasMessageContaining("is empty: its first line is the password");
        password("s3cret\n", "rw-------");
        ServerConfigLoaderTest.failure(dir, SHARED.replace("jdbc:postgresql://db.dmz:5432/usp", "jdbc:mysql://db/usp"))
                .hasMessageContaining("field 'database.url': url must be a PostgreSQL JDBC URL");
        ServerConfigLoaderTest.failure(dir, SHARED.replace("  user: usp\n", ""))
                .hasMessageContaining("field 'database.user': is required");
        ServerConfigLoaderTest.failure(dir, SHARED.replace("  user: usp\n", "  user: usp\n  password: inline\n"))
                .hasMessageContaining("password");
        ServerConfigLoaderTest.failure(dir, SHARED.replace("cluster:\n  secretFile: cluster.secret\n", ""))
                .hasMessageContaining("field 'cluster.secretFile': is required with a shared database");
        ServerConfigLoaderTest.failure(dir, "cluster:\n  secretFile: cluster.secret\n")
                .hasMessageContaining("field 'cluster': is only for servers sharing a database");
        secret(16);
        ServerConfigLoaderTest.failure(dir, SHARED).hasMessageContaining("field 'cluster.secretFile': the cluster"
                + " secret has 16 bytes; it needs at least 32");
    }

    @Test
    void theServerBlockNamesThisServerAndWhereClientsReachIt() throws IOException {
        password("s3cret\n", "rw-------");
        secret(32);
        String named = SHARED + "server:\n  name: dmz-1\n  peerAddress: dmz-1.example.com:7443\n"
                + "  listenerBind: 192.0.2.11\n";
        ServerConfig config = ServerConfigLoader.load(ServerConfigLoaderTest.write(dir, named));
        assertThat(config.serverName()).isEqualTo("dmz-1");
        assertThat(config.peerAddress(7443)).isEqualTo(new PublicAddress("dmz-1.example.com", 7443));
        assertThat(config.cluster().orElseThrow().listenerBind()).contains("192.0.2.11");

        ServerConfig unnamed = ServerConfigLoader.load(ServerConfigLoaderTest.write(dir, SHARED));
        assertThat(unnamed.serverName()).isEqualTo(java.net.InetAddress.getLocalHost().getHostName());
        assertThat(unnamed.peerAddress(7443)).isEqualTo(new PublicAddress("localhost", 7443));

        ServerConfigLoaderTest.failure(dir, SHARED + "server:\n  name: dmz 1\n")
                .hasMessageContaining("field 'server.name': 'dmz 1' must be 1 to 100 letters");
        ServerConfigLoaderTest.failure(dir, SHARED + "server:\n  peerAddress: dmz-1.example.com\n")
                .hasMessageContaining("field 'server.peerAddress': ");
        ServerConfigLoaderTest.failure(dir, SHARED + "server:\n  listenerBind: \" \"\n")
                .hasMessageContaining("field 'server.listenerBind': bind is required");
        ServerConfigLoaderTest.failure(dir, "server:\n  name: dmz-1\n")
                .hasMessageContaining("field 'server': is only for servers sharing a database");
    }
}
