package io.usp.deployments.store;

import io.usp.deployments.ReservedPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGConnectionPoolDataSource;

/**
 * The server's store, reached through Jdbi: an H2 database in the data folder (the default) or a
 * shared PostgreSQL, with the schema of {@code db-migrations} applied at open by Flyway (the H2
 * scripts in {@code db/migration}, the PostgreSQL ones of the same versions in
 * {@code db/postgresql}). One process at a time may open an H2 file database; the others are
 * told who holds it.
 */
public final class Database implements AutoCloseable {

    /** H2's code for "Database may be already in use" (org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1). */
    private static final int DATABASE_ALREADY_OPEN = 90020;
    private static final String H2_MIGRATIONS = "classpath:db/migration";
    private static final String POSTGRESQL_MIGRATIONS = "classpath:db/postgresql";

    private final JdbcConnectionPool pool;
    private final boolean inMemory;
    private final DeploymentStore deployments;
    private final AdminStore admins;
    private final AuditLog audit;
    private final ConnectionHistory history;
    private final ClientStore clients;
    private final EnrollmentStore enrollment;
    private final PartnerCredentialStore partners;
    private final ClusterCaStore clusterCa;
    private final ServerRegistry servers;
    private final SharedDatabase shared;
    private ChangeListener changes;

    private Database(JdbcConnectionPool pool, boolean inMemory, SharedDatabase shared, Clock clock,
                     ReservedPorts reserved) {
        this.pool = pool;
        this.inMemory = inMemory;
        this.shared = shared;
        Jdbi jdbi = Jdbi.create(pool);
        Sql.register(jdbi);
        this.deployments = new JdbiDeploymentStore(jdbi, clock, reserved);
        this.admins = new JdbiAdminStore(jdbi);
        this.audit = new JdbiAuditLog(jdbi);
        this.history = new JdbiConnectionHistory(jdbi);
        this.clients = new JdbiClientStore(jdbi);
        this.enrollment = new JdbiEnrollmentStore(jdbi);
        this.partners = new JdbiPartnerCredentialStore(jdbi);
        this.clusterCa = new JdbiClusterCaStore(jdbi);
        this.servers = new JdbiServerRegistry(jdbi);
    }

    /**
     * H2 file database {@code usp} in {@code dataDir} (created when missing), migrations applied.
     *
     * @throws DatabaseInUseException when another process holds it
     */
    public static Database open(Path dataDir, Clock clock) {
        return open(dataDir, clock, ReservedPorts.NONE);
    }

    /** The same, for the server: no deployment may be stored on a port in {@code reserved}. */
    public static Database open(Path dataDir, Clock clock, ReservedPorts reserved) {
        Path dir = dataDir.toAbsolutePath().normalize();
        if (dir.toString().contains(";")) {
            throw new IllegalArgumentException("data folder " + dir + " contains ';', which H2 cannot open");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dir + ": " + e.getMessage(), e);
        }
        Path file = file(dir);
        // DB_CLOSE_ON_EXIT=FALSE: the server closes it after its last write (history) at shutdown, not H2's hook
        String url = "jdbc:h2:file:" + dir.resolve("usp") + ";DB_CLOSE_ON_EXIT=FALSE";
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
        try {
            migrate(pool, H2_MIGRATIONS);
        } catch (RuntimeException e) {
            pool.dispose();
            if (alreadyOpen(e)) {
                throw new DatabaseInUseException(file, "the database " + file
                        + " is in use by another process (H2 holds a lock on the file): stop the other usp-server"
                        + " (or export, import, reset-admin) that uses the data folder " + dir
                        + ", or give this one another data folder", e);
            }
            throw new IllegalStateException("cannot open the database " + file + ": " + e.getMessage(), e);
        }
        ownerOnly(file);
        return new Database(pool, false, null, clock, reserved);
    }

    /** The file {@link #open} keeps the database in. */
    public static Path file(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("usp.mv.db");
    }

    /** A private in-memory database (tests), migrations applied; {@code name} makes it unique. */
    public static Database inMemory(String name, Clock clock) {
        return inMemory(name, clock, ReservedPorts.NONE);
    }

    /** The same, with ports no deployment may take. */
    public static Database inMemory(String name, Clock clock, ReservedPorts reserved) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("in-memory database name '" + name
                    + "' must be letters, digits, '.', '_' or '-'");
        }
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        try {
            migrate(pool, H2_MIGRATIONS);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
        return new Database(pool, true, null, clock, reserved);
    }

    /**
     * The shared PostgreSQL database, migrations applied (each server migrates at start; Flyway
     * locks the history table, so servers starting together migrate once).
     */
    public static Database openShared(SharedDatabase shared, Clock clock, ReservedPorts reserved) {
        PGConnectionPoolDataSource source = new PGConnectionPoolDataSource();
        source.setURL(shared.url());
        source.setUser(shared.user());
        source.setPassword(shared.password());
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        try {
            migrate(pool, POSTGRESQL_MIGRATIONS);
        } catch (RuntimeException e) {
            pool.dispose();
            throw new IllegalStateException("cannot open the database " + shared.url() + " as " + shared.user() + ": "
                    + e.getMessage(), e);
        }
        return new Database(pool, false, shared, clock, reserved);
    }

    /**
     * Calls {@code changed} with a table's name when another process changed it: on a shared
     * database, as its triggers announce it. An H2 database has one process, so nothing comes.
     */
    public synchronized void onChange(Consumer<String> changed) {
        if (shared != null && changes == null) {
            changes = new ChangeListener(shared, changed);
        }
    }

    /** It holds password hashes and the audit log: as private as the keys next to it (H2 uses the umask). */
    private static void ownerOnly(Path file) {
        try {
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + file + " readable by its owner only", e);
        }
    }

    private static void migrate(JdbcConnectionPool pool, String migrations) {
        Flyway.configure()
                .dataSource(pool)
                .locations(migrations)
                .loggers("slf4j") // through the server's logging, like the rest; silent where there is none
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }

    private static boolean alreadyOpen(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && s.getErrorCode() == DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    public DeploymentStore deployments() {
        return deployments;
    }

    public AdminStore admins() {
        return admins;
    }

    public AuditLog audit() {
        return audit;
    }

    public ConnectionHistory history() {
        return history;
    }

    public ClientStore clients() {
        return clients;
    }

    /** Enrollment tokens and client revocations. */
    public EnrollmentStore enrollment() {
        return enrollment;
    }

    /** The CA of the servers sharing this database (unused on an H2 database of one server). */
    public ClusterCaStore clusterCa() {
        return clusterCa;
    }

    /** The servers sharing this database, with their heartbeats. */
    public ServerRegistry servers() {
        return servers;
    }

    /** Partner credentials of collections (hashes only). */
    public PartnerCredentialStore partners() {
        return partners;
    }

    /** Closes every connection, which closes a file database and frees its lock; an in-memory one is dropped. */
    @Override
    public void close() {
        synchronized (this) {
            if (changes != null) {
                changes.close();
            }
        }
        if (inMemory) {
            try (var c = pool.getConnection(); var s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // already shut down: nothing left to free
            }
        }
        pool.dispose();
    }
}
