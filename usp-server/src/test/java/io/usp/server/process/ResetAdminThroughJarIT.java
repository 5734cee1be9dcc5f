package io.usp.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.server.e2e.AdminApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reset-admin} as an operator who lost a password runs it: refused at once while the server
 * holds the database, refused for an unknown admin and a short password (nothing changes), then a
 * new password, generated or piped in, that logs in to the restarted server while the old password
 * and the old API tokens do not; the audit log names the command.
 */
@Timeout(300)
class ResetAdminThroughJarIT {

    private static final Pattern RESET = Pattern.compile("New password of admin user 'admin': (\\S+)");
    private static final String ZOE_FIRST = "zoe's first long password";
    private static final String ZOE_SECOND = "zoe's second long password";

    @TempDir
    Path dir;

    private JarProcess server;
    private String base;

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLostPasswordIsResetOnTheStoppedServerAndOnlyTheNewOneLogsIn() throws Exception {
        int adminPort = FreePorts.pick();
        base = "http://127.0.0.1:" + adminPort;
        Files.writeString(dir.resolve("server.yaml"), """
                dataDir: data
                tunnel: { bind: 127.0.0.1, port: %d }
                admin: { bind: 127.0.0.1, port: %d }
                """.formatted(FreePorts.pick(), adminPort));
        startServer("server");
        String firstPassword = server.firstAdminPassword();
        AdminApi admin = new AdminApi(base, "admin", firstPassword);
        admin.expect(201, "POST", "/api/v1/admins", "{\"username\":\"zoe\",\"password\":\"" + ZOE_FIRST + "\"}");
        AdminApi zoe = new AdminApi(base, "zoe", ZOE_FIRST);

        try (JarProcess locked = resetAdmin("reset-while-running")) {
            assertThat(locked.awaitExit()).as(locked.transcript()).isEqualTo(1);
            assertThat(locked.stderr().strip()).as("one line").doesNotContain("\n")
                    .contains("in use by another process", "stop the server first",
                            dir.resolve("data/usp.mv.db").toString());
        }
        assertThat(server.terminate()).isEqualTo(143);

        try (JarProcess unknown = resetAdmin("reset-unknown", "--user", "bob")) {
            assertThat(unknown.awaitExit()).as(unknown.transcript()).isEqualTo(1);
            assertThat(unknown.stderr()).contains("no admin user 'bob'", "the admins are: admin, zoe");
        }
        try (JarProcess tooShort = resetAdmin("reset-short", "--user", "zoe", "--password-stdin")) {
            tooShort.input("short\n");
            assertThat(tooShort.awaitExit()).as(tooShort.transcript()).isEqualTo(1);
            assertThat(tooShort.stderr()).contains("at least 12 characters", "nothing changed");
        }
        startServer("server-unchanged");
        assertThat(new AdminApi(base, "zoe", ZOE_FIRST).token()).as("zoe's password is unchanged").isNotEmpty();
        zoe.expect(200, "GET", "/api/v1/admins", null);
        admin.expect(200, "GET", "/api/v1/admins", null);
        assertThat(server.terminate()).isEqualTo(143);

        String newPassword;
        try (JarProcess reset = resetAdmin("reset-admin")) {
            assertThat(reset.awaitExit()).as(reset.transcript()).isZero();
            Matcher m = RESET.matcher(reset.stdout());
            assertThat(m.find()).as(reset.transcript()).isTrue();
            newPassword = m.group(1);
        }
        try (JarProcess reset = resetAdmin("reset-zoe", "--user", "zoe", "--password-stdin")) {
            reset.input(ZOE_SECOND + "\n");
            assertThat(reset.awaitExit()).as(reset.transcript()).isZero();
            assertThat(reset.stdout()).contains("admin user 'zoe'").doesNotContain(ZOE_SECOND);
        }

        assertThat(startServer("server-after-reset")).doesNotContain(newPassword);
        assertThat(AdminApi.login(base, "admin", firstPassword).statusCode()).as("old password").isEqualTo(401);
        assertThat(AdminApi.login(base, "zoe", ZOE_FIRST).statusCode()).as("old password").isEqualTo(401);
        assertThat(admin.call("GET", "/api/v1/admins", null).statusCode()).as("old token").isEqualTo(401);
        assertThat(zoe.call("GET", "/api/v1/admins", null).statusCode()).as("old token").isEqualTo(401);
        new AdminApi(base, "zoe", ZOE_SECOND).expect(200, "GET", "/api/v1/admins", null);
        JsonNode audit = new AdminApi(base, "admin", newPassword).expect(200, "GET", "/api/v1/audit", null);
        List<String> resets = new ArrayList<>();
        audit.forEach(e -> {
            if (e.get("actor").asText().equals("reset-admin (console)")) {
                resets.add(e.get("action").asText() + " " + e.get("subjectKind").asText() + " "
                        + e.get("subjectName").asText());
            }
        });
        assertThat(resets).as("newest first; the refused attempts left no entry")
                .containsExactly("password admin-user zoe", "password admin-user admin");
    }

    private String startServer(String name) throws Exception {
        server = JarProcess.start(JarProcess.SERVER_JAR, dir, name, "run", "--config", "server.yaml");
        server.awaitOutput("is running");
        return server.stdout();
    }

    private JarProcess resetAdmin(String name, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("reset-admin", "--config", "server.yaml"));
        args.addAll(List.of(options));
        return JarProcess.start(JarProcess.SERVER_JAR, dir, name, args.toArray(String[]::new));
    }
}
