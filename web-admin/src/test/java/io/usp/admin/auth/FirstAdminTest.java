package io.usp.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.usp.admin.MutableClock;
import io.usp.deployments.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FirstAdminTest {

    private static final String FROM_ENV = "from-env long password";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Database database = Database.inMemory("first-" + UUID.randomUUID(), clock);
    private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1));
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FirstAdmin.class);

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void close() {
        logger.detachAppender(logged);
        database.close();
    }

    @Test
    void takesThePasswordFromTheEnvironment() {
        StringWriter out = new StringWriter();
        assertThat(FirstAdmin.ensure(database.admins(), clock, Map.of("USP_ADMIN_PASSWORD", FROM_ENV),
                new PrintWriter(out), hasher)).isTrue();
        String hash = database.admins().user("admin").orElseThrow().passwordHash();
        assertThat(hasher.verify(FROM_ENV, hash)).isTrue();
        assertThat(out.toString()).contains("USP_ADMIN_PASSWORD", "later starts ignore it").doesNotContain(FROM_ENV);
        assertThat(logged.list).isEmpty();
    }

    @Test
    void generatesAndPrintsAPasswordOnceWhenNoneIsGiven() {
        StringWriter out = new StringWriter();
        assertThat(FirstAdmin.ensure(database.admins(), clock, Map.of(), new PrintWriter(out), hasher)).isTrue();
        Matcher m = Pattern.compile("password: (\\S+)").matcher(out.toString());
        assertThat(m.find()).as(out.toString()).isTrue();
        String password = m.group(1);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(hasher.verify(password, database.admins().user("admin").orElseThrow().passwordHash())).isTrue();
        assertThat(out.toString()).as("how to change it later, and that the variable will not")
                .contains("Admins page", "usp-server reset-admin", "USP_ADMIN_PASSWORD is read only now");

        StringWriter again = new StringWriter();
        assertThat(FirstAdmin.ensure(database.admins(), clock, Map.of(), new PrintWriter(again), hasher)).isFalse();
        assertThat(again.toString()).isEmpty();
        assertThat(hasher.verify(password, database.admins().user("admin").orElseThrow().passwordHash())).isTrue();
        assertThat(logged.list).as("nothing to warn about").isEmpty();
    }

    @Test
    void aPasswordInTheEnvironmentOnceAnAdminExistsIsIgnoredWithAWarningThatSaysWhatToDo() {
        FirstAdmin.ensure(database.admins(), clock, Map.of(), new PrintWriter(new StringWriter()), hasher);
        String before = database.admins().user("admin").orElseThrow().passwordHash();

        StringWriter out = new StringWriter();
        assertThat(FirstAdmin.ensure(database.admins(), clock, Map.of("USP_ADMIN_PASSWORD", FROM_ENV),
                new PrintWriter(out), hasher)).isFalse();

        assertThat(database.admins().user("admin").orElseThrow().passwordHash()).isEqualTo(before);
        assertThat(out.toString()).isEmpty();
        assertThat(logged.list).singleElement().satisfies(warning -> {
            assertThat(warning.getLevel()).isEqualTo(Level.WARN);
            assertThat(warning.getFormattedMessage())
                    .contains("USP_ADMIN_PASSWORD is set but not used",
                            "read only when the database has no admin user yet", "(admin)", "Admins page",
                            "usp-server reset-admin --config server.yaml --user NAME")
                    .doesNotContain(FROM_ENV);
        });
    }
}
