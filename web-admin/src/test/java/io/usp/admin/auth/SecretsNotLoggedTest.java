package io.usp.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.usp.admin.AdminTestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Passwords, tokens and session ids never reach a log line: everything the root logger sees
 * (message, arguments, MDC, stack traces) while admins log in, fail, get tokens, call the API and
 * add admins and set their passwords, and give a collection's partners theirs,
 * with USP's own loggers at DEBUG.
 */
class SecretsNotLoggedTest {

    private static final String WRONG_PASSWORD = "Tr0ub4dor&3-not-the-one";
    private static final String NEW_PASSWORD = "zoe's own long password";
    private static final String PARTNER_PASSWORD = "a partner's long secret";

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger usp = (Logger) LoggerFactory.getLogger("io.usp");
    private Level uspLevel;
    private AdminTestServer admin;

    @BeforeEach
    void start() {
        uspLevel = usp.getLevel();
        usp.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
        admin = new AdminTestServer();
    }

    @AfterEach
    void stop() {
        admin.close();
        root.detachAppender(appender);
        appender.stop();
        usp.setLevel(uspLevel);
    }

    @Test
    void noSecretReachesTheLog() {
        String session = admin.login();
        String csrf = admin.csrf(session);
        admin.postLogin(admin.loginForm(), "admin", WRONG_PASSWORD, "/");
        // a password typed into the username field, the classic way one ends up in a log
        admin.postLogin(admin.loginForm(), AdminTestServer.PASSWORD, "x", "/");
        admin.api("POST", "/api/v1/auth/token", null, "{\"username\":\"admin\",\"password\":\"" + WRONG_PASSWORD + "\"}");
        String token = admin.token();
        assertThat(admin.api("GET", "/api/v1/deployments", token, null).statusCode()).isEqualTo(200);
        admin.api("POST", "/api/v1/deployments", token, "{\"name\":\"bad\"}");
        admin.api("GET", "/api/v1/deployments", token + "x", null);
        admin.api("POST", "/api/v1/admins", token, "{\"username\":\"zoe\",\"password\":\"" + NEW_PASSWORD + "\"}");
        admin.api("PUT", "/api/v1/admins/zoe/password", token, "{\"currentPassword\":\"" + WRONG_PASSWORD
                + "\",\"newPassword\":\"" + NEW_PASSWORD + "-2\"}");
        admin.api("PUT", "/api/v1/admins/zoe/password", token, "{\"currentPassword\":\"" + AdminTestServer.PASSWORD
                + "\",\"newPassword\":\"" + NEW_PASSWORD + "-3\"}");
        admin.api("POST", "/api/v1/deployments", token, "{\"name\":\"c\",\"mode\":\"connect\","
                + "\"listener\":{\"port\":0},\"rules\":[{\"action\":\"direct\",\"hosts\":[\"*.internal\"]}]}");
        admin.api("PUT", "/api/v1/deployments/c/partners/alice", token, "{\"password\":\"" + PARTNER_PASSWORD + "\"}");
        admin.api("PUT", "/api/v1/deployments/c/partners/bob", token, "{\"password\":\"" + PARTNER_PASSWORD
                + "\",\"extra\":1}");
        admin.page("POST", "/logout", session, Map.of("csrf", csrf));

        List<String> logged = everything();
        assertThat(logged).anyMatch(line -> line.contains("password of admin user 'zoe' changed"));
        assertThat(logged).as("the capture works").anyMatch(line -> line.contains("logged in"));
        assertThat(logged).anyMatch(line -> line.contains("failed: wrong username or password"));
        assertThat(logged).anyMatch(line -> line.contains("partner credential 'alice' of deployment 'c' added"));
        for (String secret : List.of(AdminTestServer.PASSWORD, WRONG_PASSWORD, NEW_PASSWORD, PARTNER_PASSWORD, token,
                session, csrf)) {
            assertThat(logged).as("lines containing a secret").noneMatch(line -> line.contains(secret));
        }
    }

    private List<String> everything() {
        synchronized (appender) {
            return appender.list.stream().map(SecretsNotLoggedTest::render).toList();
        }
    }

    private static String render(ILoggingEvent e) {
        IThrowableProxy thrown = e.getThrowableProxy();
        return e.getFormattedMessage() + " " + java.util.Arrays.toString(e.getArgumentArray()) + " "
                + e.getMDCPropertyMap() + (thrown == null ? "" : " " + ThrowableProxyUtil.asString(thrown));
    }
}
