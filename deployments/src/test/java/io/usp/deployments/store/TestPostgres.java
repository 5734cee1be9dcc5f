package io.usp.deployments.store;

import io.usp.deployments.testing.DebianPackages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the store tests: the server binaries of the machine
 * ({@code /usr/lib/postgresql/<version>/bin}; Debian's {@code postgresql} installed when there
 * are none, as the other tests install their peers), a cluster made with {@code initdb} in a temporary
 * folder, listening on 127.0.0.1 with password authentication; one per test JVM, stopped when it
 * exits. Run as the {@code postgres} user when the tests run as root (PostgreSQL refuses root).
 */
public final class TestPostgres {

    static final String USER = "usp";
    static final String PASSWORD = "usp-test-password";

    private static TestPostgres running;

    private final int port;
    private int databases;

    private TestPostgres(int port) {
        this.port = port;
    }

    /** The one server of this JVM, started on first use. */
    public static synchronized TestPostgres get() {
        if (running == null) {
            try {
                running = start();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("cannot start the test PostgreSQL: " + e.getMessage(), e);
            }
        }
        return running;
    }

    /** A new, empty database of its own. */
    public synchronized SharedDatabase freshDatabase() {
        String name = "usp_test_" + (++databases);
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new SharedDatabase(url(name), USER, PASSWORD);
    }

    /** Makes {@code database} unreachable: no new connections, and the open ones ended. */
    public void cut(SharedDatabase database) {
        String name = name(database);
        admin("ALTER DATABASE " + name + " WITH ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    /** Lets {@code database} be reached again. */
    public void restore(SharedDatabase database) {
        admin("ALTER DATABASE " + name(database) + " WITH ALLOW_CONNECTIONS true");
    }

    private static String name(SharedDatabase database) {
        String name = database.url().substring(database.url().lastIndexOf('/') + 1);
        if (!name.matches("usp_test_\\d+")) {
            throw new IllegalArgumentException("not a test database: " + database.url());
        }
        return name;
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static TestPostgres start() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("usp-postgres");
        Path data = dir.resolve("data");
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
            Files.setOwner(passwordFile, postgres);
        }
        run(root, dir, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync");
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        run(root, dir, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(),
                "-w", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(root, dir, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop");
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (IOException | InterruptedException e) {
                System.err.println("test PostgreSQL in " + dir + " not stopped: " + e.getMessage());
            }
        }));
        return new TestPostgres(port);
    }

    /** The newest PostgreSQL server binaries installed; Debian's {@code postgresql} installed first if there are none. */
    private static Path binaries() throws IOException, InterruptedException {
        Optional<Path> installed = installedBinaries();
        if (installed.isPresent()) {
            return installed.get();
        }
        // Debian 12's postgresql brings PostgreSQL 15
        DebianPackages.require(new DebianPackages.Program(Path.of("/usr/lib/postgresql/15/bin/initdb"), "postgresql"));
        return installedBinaries().orElseThrow(() -> new IOException("Debian's postgresql is installed, but there are"
                + " no server binaries in /usr/lib/postgresql/*/bin"));
    }

    private static Optional<Path> installedBinaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> installed = Files.list(versions)) {
                List<Path> found = installed.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .sorted(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString()
                                .replaceAll("\\D", "0"))))
                        .toList();
                if (!found.isEmpty()) {
                    return Optional.of(found.get(found.size() - 1));
                }
            }
        }
        return Optional.empty();
    }

    private static void run(boolean asPostgres, Path dir, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>();
        if (asPostgres) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        Path output = Files.createTempFile("usp-postgres-command", ".log");
        Process p = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            String out = Files.readString(output);
            Files.deleteIfExists(output);
            throw new IOException(String.join(" ", line) + " failed: " + out);
        }
        Files.deleteIfExists(output);
    }
}
