package io.usp.deployments.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.usp.deployments.store.ClientStore.ClientRecord;
import io.usp.deployments.store.EnrollmentStore.Granted;
import io.usp.deployments.store.EnrollmentStore.Refusal;
import io.usp.deployments.store.EnrollmentStore.Refused;
import io.usp.deployments.store.EnrollmentStore.Revocation;
import io.usp.deployments.store.EnrollmentStore.Token;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens are spent once, expire, die with a revocation; revocations are audited and survive a restart. */
class EnrollmentStoreTest extends StoreTest {

    private static final Instant T0 = TestClock.START;
    private static final Duration DAY = Duration.ofHours(24);

    @TempDir
    Path dir;
    private Database db;

    @BeforeEach
    void open() {
        db = database("enrollment", new TestClock());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Token token(char fill, String client, Instant createdAt) {
        return new Token(String.valueOf(fill).repeat(64), client, createdAt, "admin", createdAt.plus(DAY),
                Optional.empty());
    }

    @Test
    void aTokenIsSpentOnceAndAudited() {
        db.enrollment().addToken(token('a', "agent-a", T0));

        assertThat(db.enrollment().pendingTokens(T0)).extracting(Token::client).containsExactly("agent-a");
        assertThat(db.enrollment().redeem("a".repeat(64), T0.plusSeconds(5), "192.0.2.1:5000"))
                .isEqualTo(new Granted("agent-a"));
        assertThat(db.enrollment().redeem("a".repeat(64), T0.plusSeconds(6), "192.0.2.1:5001"))
                .isEqualTo(new Refused(Refusal.USED));
        assertThat(db.enrollment().redeem("b".repeat(64), T0, "192.0.2.1:5002"))
                .isEqualTo(new Refused(Refusal.UNKNOWN));
        assertThat(db.enrollment().pendingTokens(T0)).isEmpty();
        var audit = db.audit().recent(1).get(0);
        assertThat(audit.actor()).isEqualTo("admin");
        assertThat(audit.action()).isEqualTo("create");
        assertThat(audit.subjectKind()).isEqualTo("client");
        assertThat(audit.subjectName()).isEqualTo("agent-a");
        assertThat(audit.after().orElseThrow()).doesNotContain("a".repeat(64));
    }

    @Test
    void anExpiredTokenIsRefusedAndNotPending() {
        db.enrollment().addToken(token('c', "agent-c", T0));

        assertThat(db.enrollment().pendingTokens(T0.plus(DAY))).isEmpty();
        assertThat(db.enrollment().redeem("c".repeat(64), T0.plus(DAY), "x"))
                .isEqualTo(new Refused(Refusal.EXPIRED));
    }

    @Test
    void revokingVoidsOlderTokensButNotOnesMadeAfterwards() {
        db.enrollment().addToken(token('d', "agent-d", T0));

        db.enrollment().revoke("agent-d", T0.plusSeconds(10), "alice");
        assertThat(db.enrollment().redeem("d".repeat(64), T0.plusSeconds(11), "x"))
                .isEqualTo(new Refused(Refusal.REVOKED));
        assertThat(db.enrollment().pendingTokens(T0.plusSeconds(11))).isEmpty();

        db.enrollment().addToken(token('e', "agent-d", T0.plusSeconds(20)));
        assertThat(db.enrollment().redeem("e".repeat(64), T0.plusSeconds(21), "x")).isEqualTo(new Granted("agent-d"));
        assertThat(db.enrollment().revocations()).containsExactly(new Revocation("agent-d", T0.plusSeconds(10), "alice"));
        var audit = db.audit().recent(2).get(1);
        assertThat(audit.actor()).isEqualTo("alice");
        assertThat(audit.action()).isEqualTo("revoke");
        assertThat(audit.subjectName()).isEqualTo("agent-d");
    }

    @Test
    void aClientIsKnownOnceAddedOrSeenAndTheLastRevocationCounts() {
        db.clients().seen(new ClientRecord("seen-only", T0, T0, "192.0.2.7:1", Optional.empty(), Optional.empty()));

        db.enrollment().addToken(token('1', "added-only", T0));

        assertThat(db.enrollment().knows("nobody")).isFalse();
        assertThat(db.enrollment().knows("seen-only")).isTrue();
        assertThat(db.enrollment().knows("added-only")).isTrue();
        db.enrollment().revoke("seen-only", T0, "alice");
        db.enrollment().revoke("seen-only", T0.plusSeconds(1), "bob"); // again: the later one counts
        assertThat(db.enrollment().revocations())
                .containsExactly(new Revocation("seen-only", T0.plusSeconds(1), "bob"));
        assertThat(db.audit().recent(10)).filteredOn(e -> e.action().equals("revoke")).hasSize(2);
    }

    @Test
    void revocationsSurviveARestart() {
        Path data = dir.resolve("data");
        try (Database first = Database.open(data, new TestClock())) {
            first.enrollment().addToken(token('f', "agent-f", T0));
            first.enrollment().revoke("agent-f", T0.plusSeconds(1), "alice");
        }
        try (Database second = Database.open(data, new TestClock())) {
            assertThat(second.enrollment().revocations())
                    .containsExactly(new Revocation("agent-f", T0.plusSeconds(1), "alice"));
            assertThat(second.enrollment().redeem("f".repeat(64), T0.plusSeconds(2), "x"))
                    .isEqualTo(new Refused(Refusal.REVOKED));
        }
    }

    @Test
    void tokensAreValidatedAndNeverPrintTheirHash() {
        Token token = token('9', "agent-a", T0);

        assertThat(token.toString()).doesNotContain("9".repeat(64));
        assertThatThrownBy(() -> new Token("XYZ", "a", T0, "admin", T0.plus(DAY), Optional.empty()))
                .hasMessageContaining("64 lower-case hex");
        assertThatThrownBy(() -> new Token("a".repeat(64), "a", T0, "admin", T0, Optional.empty()))
                .hasMessageContaining("expire after");
    }
}
