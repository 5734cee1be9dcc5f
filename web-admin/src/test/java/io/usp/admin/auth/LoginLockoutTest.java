package io.usp.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.usp.admin.AdminTestServer;
import io.usp.deployments.store.AuditLog.AuditEntry;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Login lockout per address and per username: over HTTP from 127.0.0.1 where one address is
 * enough, on the {@link Authenticator} itself where a test needs several addresses.
 */
class LoginLockoutTest {

    private AdminTestServer admin;
    private Authenticator authenticator;

    @BeforeEach
    void start() {
        admin = new AdminTestServer();
        authenticator = new Authenticator(admin.database.admins(), admin.database.audit(), admin.clock,
                new PasswordHasher());
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private void fail(String username, String address) {
        assertThatThrownBy(() -> authenticator.authenticate(username, "guess", address, "login"))
                .isInstanceOfSatisfying(LoginRefused.class,
                        r -> assertThat(r.reason()).isEqualTo(LoginRefused.Reason.WRONG_CREDENTIALS));
    }

    private LoginRefused locked(String username, String address) {
        LoginRefused refused = catchThrowableOfType(LoginRefused.class,
                () -> authenticator.authenticate(username, AdminTestServer.PASSWORD, address, "login"));
        assertThat(refused).as("%s from %s is refused", username, address).isNotNull();
        assertThat(refused.reason()).isEqualTo(LoginRefused.Reason.THROTTLED);
        return refused;
    }

    @Test
    void oneAddressTryingManyNamesIsLockedForAQuarterOfAnHourOnThePageAndTheApi() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            HttpResponse<String> wrong = admin.postLogin(admin.loginForm(), "name" + i, "guess", "/");
            assertThat(wrong.statusCode()).isEqualTo(401);
        }
        HttpResponse<String> page = admin.postLogin(admin.loginForm(), "admin", AdminTestServer.PASSWORD, "/");
        assertThat(page.statusCode()).as("even the right password").isEqualTo(429);
        assertThat(page.body()).contains("too many failed logins from your address")
                .contains("locked until 10:15:00 UTC").contains("try again in 15 minutes");
        assertThat(page.headers().firstValue("Retry-After")).hasValue("900");

        HttpResponse<String> api = admin.api("POST", "/api/v1/auth/token", null,
                "{\"username\":\"admin\",\"password\":\"" + AdminTestServer.PASSWORD + "\"}");
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(AdminTestServer.json(api).toString()).contains("from your address");

        admin.clock.advance(LoginThrottle.LOCKOUT.minusSeconds(30));
        HttpResponse<String> soon = admin.postLogin(admin.loginForm(), "admin", AdminTestServer.PASSWORD, "/");
        assertThat(soon.body()).contains("try again in 30 seconds");
        admin.clock.advance(Duration.ofSeconds(30));
        assertThat(admin.postLogin(admin.loginForm(), "admin", AdminTestServer.PASSWORD, "/").statusCode())
                .isEqualTo(302);
    }

    @Test
    void oneUsernameTriedFromManyAddressesIsLockedEverywhereButOtherNamesAreNot() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            fail("Admin", "203.0.113." + i); // names match case-insensitively
        }
        LoginRefused refused = locked("admin", "198.51.100.7");
        assertThat(refused.getMessage()).contains("for this username");
        assertThat(refused.retryAfter()).isEqualTo(LoginThrottle.LOCKOUT);
        fail("someone-else", "198.51.100.7");

        admin.clock.advance(LoginThrottle.LOCKOUT);
        assertThat(authenticator.authenticate("admin", AdminTestServer.PASSWORD, "198.51.100.7", "login"))
                .isEqualTo("admin");
    }

    @Test
    void theAdminLoggingInDoesNotUnlockAnAttackersAddress() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            fail("root" + i, "203.0.113.66");
        }
        assertThat(authenticator.authenticate("admin", AdminTestServer.PASSWORD, "198.51.100.7", "login"))
                .isEqualTo("admin");
        assertThat(locked("admin", "203.0.113.66").getMessage()).contains("from your address");
    }

    @Test
    void aSuccessForgivesOnlyThatAdminsOwnTyposFromThatAddress() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            fail("admin", "198.51.100.7");
        }
        authenticator.authenticate("admin", AdminTestServer.PASSWORD, "198.51.100.7", "login");
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            fail("admin", "198.51.100.7");
        }
        assertThat(authenticator.authenticate("admin", AdminTestServer.PASSWORD, "198.51.100.7", "login"))
                .as("nine typos, a login, nine typos: never ten in a row").isEqualTo("admin");

        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            fail("admin", "203.0.113.66");
        }
        authenticator.authenticate("admin", AdminTestServer.PASSWORD, "198.51.100.7", "login");
        fail("admin", "203.0.113.67");
        locked("admin", "198.51.100.7"); // the other addresses' ten failures still count against the name
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            fail("admin", "198.51.100.7");
        }
        admin.clock.advance(LoginThrottle.WINDOW);
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            fail("admin", "198.51.100.7");
        }
        assertThat(authenticator.authenticate("admin", AdminTestServer.PASSWORD, "198.51.100.7", "login"))
                .isEqualTo("admin");
    }

    @Test
    void eachLockIsAuditedOnceWithoutThePassword() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            fail("admin", "203.0.113.66");
        }
        locked("admin", "203.0.113.66");
        locked("admin", "203.0.113.66");

        assertThat(admin.database.audit().recent(50)).filteredOn(e -> e.action().equals("lock"))
                .extracting(AuditEntry::subjectKind, AuditEntry::subjectName)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("login-address", "203.0.113.66"),
                        org.assertj.core.groups.Tuple.tuple("login-username", "admin"));
        assertThat(admin.database.audit().recent(50).toString()).doesNotContain(AdminTestServer.PASSWORD)
                .doesNotContain("guess");
    }
}
