package io.usp.admin.partners;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.usp.admin.MutableClock;
import io.usp.admin.auth.LoginThrottle;
import io.usp.admin.auth.PasswordHasher;
import io.usp.admin.partners.PartnerLogins.Outcome;
import io.usp.deployments.store.Database;
import io.usp.deployments.yaml.DeploymentEntry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checker the collections' fronts ask: what it requires, its verdicts, its throttle and its pool. */
class PartnerLoginsTest {

    private static final String SECRET = "alice's long partner secret";
    private static final PasswordHasher CHEAP = new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>());
    private Database db;
    private PartnerLogins logins;

    @BeforeEach
    void open() throws Exception {
        db = Database.inMemory("partner-logins-" + UUID.randomUUID(), clock);
        for (String name : new String[] {"build", "lab"}) {
            db.deployments().create(DeploymentEntry.readBody(new ObjectMapper().readTree("""
                    {"name": "%s", "mode": "connect", "listener": {"port": 0},
                     "rules": [{"action": "direct", "hosts": ["*.internal"]}]}""".formatted(name)), Map.of()),
                    "admin");
        }
        db.partners().put("build", "alice", CHEAP.hash(SECRET), clock.instant());
        db.partners().put("lab", "alice", CHEAP.hash(SECRET), clock.instant());
        logins = new PartnerLogins(db.partners(), db.audit(), clock, CHEAP, pool);
    }

    @AfterEach
    void close() {
        logins.close();
        db.close();
    }

    private static InetSocketAddress from(String address) {
        return new InetSocketAddress(address, 40000);
    }

    private Outcome check(String deployment, String user, String password, String address) throws Exception {
        return logins.check(deployment, user, password, from(address)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void credentialsAreRequiredFromTheReloadAfterTheFirstOneToTheReloadAfterTheLast() {
        assertThat(logins.required("build")).as("nothing read yet").isFalse();
        logins.reload();
        assertThat(logins.required("build")).isTrue();
        assertThat(logins.required("elsewhere")).isFalse();

        db.partners().delete("build", "alice");
        assertThat(logins.required("build")).as("until the next reload").isTrue();
        logins.reload();
        assertThat(logins.required("build")).isFalse();
        assertThat(logins.required("lab")).isTrue();
    }

    @Test
    void theRightPasswordIsAcceptedAndAWrongOneOrNameRefusedWithoutNamingAnUnknownName() throws Exception {
        assertThat(check("build", "alice", SECRET, "198.51.100.7")).isEqualTo(new Outcome(true, "partner user 'alice'"));
        assertThat(check("build", "alice", "not the secret", "198.51.100.7"))
                .isEqualTo(new Outcome(false, "wrong password for partner user 'alice'"));
        assertThat(check("build", SECRET, "alice", "198.51.100.7"))
                .isEqualTo(new Outcome(false, "unknown partner username"));
        assertThat(check("build", "", "", "198.51.100.7").accepted()).isFalse();
        assertThat(check("elsewhere", "alice", SECRET, "198.51.100.7").accepted()).as("another deployment's").isFalse();
    }

    @Test
    void anUnknownNameCostsAHashLikeAKnownOne() throws Exception {
        check("build", "alice", "not the secret", "198.51.100.7");
        long afterKnown = pool.getTaskCount();
        check("build", "mallory", "not the secret", "198.51.100.7");

        assertThat(pool.getTaskCount()).as("verified on the pool against a decoy hash").isEqualTo(afterKnown + 1);
    }

    @Test
    void tenFailuresFromAnAddressLockItAndALockedAttemptIsRefusedWithoutAHash() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            assertThat(check("build", "user" + i, "wrong", "198.51.100.7").accepted()).isFalse();
        }
        long checked = pool.getTaskCount();

        CompletableFuture<Outcome> locked = logins.check("build", "alice", SECRET, from("198.51.100.7"));

        assertThat(locked).as("answered at once").isDone();
        assertThat(locked.get().accepted()).isFalse();
        assertThat(locked.get().detail()).startsWith("throttled: address 198.51.100.7 locked until");
        assertThat(pool.getTaskCount()).as("no hash spent").isEqualTo(checked);
        assertThat(check("build", "alice", SECRET, "198.51.100.8").accepted()).as("another address").isTrue();
        assertThat(db.audit().recent(1).get(0)).satisfies(e -> {
            assertThat(e.actor()).isEqualTo(PartnerLogins.AUDIT_ACTOR);
            assertThat(e.subjectKind()).isEqualTo("partner-address");
            assertThat(e.subjectName()).isEqualTo("198.51.100.7");
        });

        clock.advance(LoginThrottle.LOCKOUT);
        assertThat(check("build", "alice", SECRET, "198.51.100.7").accepted()).isTrue();
    }

    @Test
    void tenFailuresForAUsernameLockItOnThatDeploymentOnly() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            check("build", "alice", "wrong", "198.51.100." + (10 + i));
        }

        Outcome locked = check("build", "alice", SECRET, "203.0.113.1");
        assertThat(locked.accepted()).isFalse();
        assertThat(locked.detail()).startsWith("throttled: this username locked until");
        assertThat(check("lab", "alice", SECRET, "203.0.113.1").accepted()).as("alice of another deployment").isTrue();
        assertThat(db.audit().recent(1).get(0).subjectName()).isEqualTo("build/alice");
    }

    @Test
    void checksBeyondThePoolAreRefusedAtOnceWithAReason() {
        ThreadPoolExecutor full = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        full.shutdown(); // refuses every task, as a full queue does
        PartnerLogins busy = new PartnerLogins(db.partners(), db.audit(), clock, CHEAP, full);

        CompletableFuture<Outcome> refused = busy.check("build", "alice", SECRET, from("198.51.100.7"));

        assertThat(refused).isCompletedExceptionally();
        assertThat(refused).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("too many partner credential checks waiting");
    }

    @Test
    void aBrokenStoredHashFailsTheCheckInsteadOfAnsweringIt() {
        db.partners().put("build", "bob", "not an argon2id hash", clock.instant());

        CompletableFuture<Outcome> failed = logins.check("build", "bob", SECRET, from("198.51.100.7"));

        assertThat(failed).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
                .withMessageContaining("not an argon2id PHC string");
    }

    @Test
    void theDefaultPoolIsSmallBoundedAndOfDaemonThreads() {
        ThreadPoolExecutor checks = PartnerLogins.checksPool();
        try {
            assertThat(checks.getMaximumPoolSize()).isEqualTo(PartnerLogins.THREADS);
            assertThat(checks.getQueue().remainingCapacity()).isEqualTo(PartnerLogins.QUEUE);
            Thread thread = checks.getThreadFactory().newThread(() -> { });
            assertThat(thread.getName()).startsWith("usp-partner-auth-");
            assertThat(thread.isDaemon()).isTrue();
        } finally {
            checks.shutdownNow();
        }
    }
}
