package io.usp.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.testing.DebianPackages;
import com.fasterxml.jackson.databind.JsonNode;
import io.usp.deployments.AllowList;
import io.usp.deployments.AllowRule;
import io.usp.deployments.Cidr;
import io.usp.deployments.PortRange;
import io.usp.server.admin.AdminWiring;
import io.usp.server.dispatch.Refusal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Collections driven by the partners' own tools as processes: curl through CONNECT and SOCKS5,
 * OpenSSH through {@code nc -X connect} to a real sshd. Destinations are names the DMZ cannot
 * resolve ({@code *.build.internal}), overridden to the loopback targets; the client's allow-list
 * admits only those targets' ports.
 */
class CollectionClientsTest extends WithConnectionLog {

    private static final DebianPackages.Program CURL = new DebianPackages.Program(Path.of("/usr/bin/curl"), "curl");
    private static final String PASSWORD = "collection-clients-password";

    private WebTarget web;
    private Sshd sshd;
    private int other;
    private final AtomicInteger otherAccepts = new AtomicInteger();

    @BeforeEach
    void startTargetsAndServer() throws Exception {
        DebianPackages.require(CURL);
        web = new WebTarget(Partner.random(8 << 20, 11));
        sshd = Sshd.start(dir.resolve("sshd"));
        other = targets.start(Targets.counting(otherAccepts, Targets::echo));
        String webRule = "{\"action\": \"tunnel\", \"hosts\": [\"web.build.internal\"], \"ports\": ["
                + web.port() + "]}";
        world.startServer(List.of(World.fromJson(collection("build", "connect", rules(List.of(webRule)))),
                World.fromJson(collection("build-socks", "socks5", rules(List.of(webRule))))));
        AllowList allow = new AllowList(List.of(new AllowRule(List.of(), List.of(Cidr.parse("127.0.0.1")),
                List.of(new PortRange(web.port(), web.port()), new PortRange(sshd.port(), sshd.port())))));
        world.startClient("agent-a", allow);
        world.awaitTunnels("agent-a", 2);
    }

    @AfterEach
    void stopTargets() throws Exception {
        web.close();
        sshd.close();
    }

    /** The collection's JSON: every rule the tests need, in order, ahead of {@code first}. */
    private static String collection(String name, String mode, String rules) {
        return """
                {"name": "%s", "mode": "%s", "listener": {"bind": "127.0.0.1", "port": 0}, "client": "agent-a",
                 "rules": %s,
                 "dnsOverrides": {"web.build.internal": "127.0.0.1", "sshd.build.internal": "127.0.0.1",
                                  "other.build.internal": "127.0.0.1", "loop.internal": "localhost",
                                  "far.internal": "localhost"}}""".formatted(name, mode, rules);
    }

    private String rules(List<String> first) {
        List<String> all = new ArrayList<>(first);
        all.add("{\"action\": \"block\", \"hosts\": [\"*.secret.build.internal\"]}");
        all.add("{\"action\": \"tunnel\", \"hosts\": [\"sshd.build.internal\", \"other.build.internal\"]}");
        all.add("{\"action\": \"tunnel\", \"hosts\": [\"loop.internal\"], \"cidrs\": [\"127.0.0.0/8\"]}");
        all.add("{\"action\": \"tunnel\", \"hosts\": [\"far.internal\"], \"cidrs\": [\"10.0.0.0/8\"]}");
        return "[" + String.join(", ", all) + "]";
    }

    private String proxy() {
        return "127.0.0.1:" + world.port("build");
    }

    private Processes.Run curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(CURL.path().toString(), "-sS", "--max-time", "60"));
        command.addAll(List.of(args));
        return Processes.run(dir, null, command);
    }

    @Test
    void curlThroughConnectMovesEightMebibytesExactlyBothWays() throws Exception {
        Processes.Run down = curl("--proxy", "http://" + proxy(), "--proxytunnel",
                "http://web.build.internal:" + web.port() + "/blob");
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(Partner.sha256(Files.readAllBytes(down.out()))).isEqualTo(Partner.sha256(web.blob()));

        Path upload = dir.resolve("upload.bin");
        byte[] data = Partner.random(8 << 20, 12);
        Files.write(upload, data);
        Processes.Run up = curl("--proxy", "http://" + proxy(), "--proxytunnel", "--data-binary", "@" + upload,
                "http://web.build.internal:" + web.port() + "/sha256");
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(up.outText()).isEqualTo(Partner.sha256(data));
        Await.until(() -> log.count("closed", "deployment=build ", "rule=1", "via=agent-a") == 2,
                "both transfers logged under rule 1");
    }

    @Test
    void curlThroughSocks5ResolvesTheNameInside() throws Exception {
        String proxy = "127.0.0.1:" + world.port("build-socks");
        Processes.Run down = curl("--socks5-hostname", proxy, "http://web.build.internal:" + web.port() + "/blob");
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(Partner.sha256(Files.readAllBytes(down.out()))).isEqualTo(Partner.sha256(web.blob()));

        Processes.Run blocked = curl("--socks5-hostname", proxy, "http://db.secret.build.internal:5432/");
        assertThat(blocked.exit()).as("curl fails: " + blocked.err()).isEqualTo(97);
        assertThat(blocked.err()).contains("(2)");
        Await.until(() -> world.stats("build-socks").refused(Refusal.BLOCKED_BY_RULE) == 1, "the block rule counted");
    }

    @Test
    void sshThroughNcConnectReachesARealSshdExactlyBothWays() throws Exception {
        String proxyCommand = "nc -X connect -x " + proxy() + " %h %p";
        byte[] data = Partner.random(4 << 20, 13);
        Path upload = dir.resolve("ssh-upload.bin");
        Files.write(upload, data);
        Path stored = dir.resolve("ssh-stored.bin");
        Processes.Run up = Processes.run(dir, upload, sshd.ssh("sshd.build.internal", proxyCommand,
                "cat > " + stored));
        assertThat(up.exit()).as(up.err()).isZero();
        assertThat(Partner.sha256(Files.readAllBytes(stored))).isEqualTo(Partner.sha256(data));

        Processes.Run down = Processes.run(dir, null, sshd.ssh("sshd.build.internal", proxyCommand,
                "cat " + stored));
        assertThat(down.exit()).as(down.err()).isZero();
        assertThat(Partner.sha256(Files.readAllBytes(down.out()))).isEqualTo(Partner.sha256(data));
        Await.until(() -> log.count("closed", "deployment=build ", "rule=3",
                "target=127.0.0.1:" + sshd.port()) == 2, "both sessions logged under rule 3");
    }

    @Test
    void theClientsAllowListRefusesWhatTheRulesLetThrough() throws Exception {
        Processes.Run run = curl("--proxy", "http://" + proxy(), "--proxytunnel",
                "http://other.build.internal:" + other + "/");
        assertThat(run.err()).contains("403");
        Await.until(() -> world.stats("build").refused(Refusal.NOT_ALLOWED) == 1, "the client's refusal counted");
        assertThat(log.any("reason=not-allowed", "rule=3")).isTrue();
        assertThat(otherAccepts.get()).as("the target is never contacted").isZero();
    }

    @Test
    void aCidrRuleRefusesANameThatResolvesOutsideIt() throws Exception {
        int echoPort = web.port(); // allowed by the client; only the rule's CIDRs differ
        Processes.Run inside = curl("--proxy", "http://" + proxy(), "--proxytunnel",
                "http://loop.internal:" + echoPort + "/blob", "-o", "/dev/null", "-w", "%{http_code}");
        assertThat(inside.outText()).as(inside.err()).isEqualTo("200");
        try (LogLines clientStreams = new LogLines("usp.streams")) {
            Processes.Run outside = curl("--proxy", "http://" + proxy(), "--proxytunnel",
                    "http://far.internal:" + echoPort + "/blob");
            assertThat(outside.err()).contains("403");
            Await.until(() -> log.any("reason=not-allowed", "rule=5"), "the server logs the refusal under rule 5");
            assertThat(clientStreams.any("localhost:" + echoPort, "resolved to 127.0.0.1",
                    "outside the collection rule's cidrs [10.0.0.0/8]"))
                    .as("the client resolved the overridden name and refused it").isTrue();
        }
    }

    @Test
    void aLiveRuleChangeAppliesWithoutRestartingTheListener() throws Exception {
        AdminWiring admin = world.startAdmin(PASSWORD);
        AdminApi api = new AdminApi(admin.url(), "admin", PASSWORD);
        int port = world.port("build");
        Processes.Run before = curl("--proxy", "http://" + proxy(), "--proxytunnel",
                "http://web2.build.internal:" + web.port() + "/blob", "-o", "/dev/null");
        assertThat(before.err()).contains("403");

        api.expect(200, "PUT", "/api/v1/deployments/build", collection("build", "connect", rules(List.of(
                "{\"action\": \"tunnel\", \"hosts\": [\"web.build.internal\", \"web2.build.internal\"], "
                        + "\"ports\": [" + web.port() + "]}")))
                .replace("\"web.build.internal\": \"127.0.0.1\"", "\"web2.build.internal\": \"127.0.0.1\""));
        assertThat(world.port("build")).as("the same listener, not rebound").isEqualTo(port);
        Processes.Run after = curl("--proxy", "http://" + proxy(), "--proxytunnel",
                "http://web2.build.internal:" + web.port() + "/blob", "-o", "/dev/null", "-w", "%{http_code}");
        assertThat(after.outText()).as(after.err()).isEqualTo("200");
        assertThat(world.stats("build").accepted()).isEqualTo(2);
        assertThat(api.call("GET", "/metrics", null).body()).contains(
                "usp_rule_refusals_total{deployment=\"build\",reason=\"no-rule\",rule=\"none\"} 1.0",
                "usp_rule_decisions_total{action=\"tunnel\",deployment=\"build\",rule=\"1\"} 1.0");
        Await.until(() -> history(api).findValuesAsText("outcome").containsAll(List.of("no-rule", "closed")),
                "the history holds the refusal and the relayed connection");
        assertThat(history(api).findValues("rule")).as("the relayed connection names rule 1")
                .anyMatch(r -> r.asInt() == 1);
    }

    private JsonNode history(AdminApi api) {
        world.server().history().flush();
        try {
            return api.expect(200, "GET", "/api/v1/history?deployment=build", null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
