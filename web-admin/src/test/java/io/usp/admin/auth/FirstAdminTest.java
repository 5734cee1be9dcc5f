package io.usp.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

class FirstAdminTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Database database = Database.inMemory("first-" + UUID.randomUUID(), clock);
    private final PasswordHasher hasher = new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void takesThePasswordFromTheEnvironment() {
        StringWriter out = new StringWriter();
        assertThat(FirstAdmin.ensure(database.admins(), clock, Map.of("USP_ADMIN_PASSWORD", "from-env"),
                new PrintWriter(out), hasher)).isTrue();
        String hash = database.admins().user("admin").orElseThrow().passwordHash();
        assertThat(hasher.verify("from-env", hash)).isTrue();
        assertThat(out.toString()).contains("USP_ADMIN_PASSWORD").doesNotContain("from-env");
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

        StringWriter again = new StringWriter();
        assertThat(FirstAdmin.ensure(database.admins(), clock, Map.of(), new PrintWriter(again), hasher)).isFalse();
        assertThat(again.toString()).isEmpty();
        assertThat(hasher.verify(password, database.admins().user("admin").orElseThrow().passwordHash())).isTrue();
    }
}
