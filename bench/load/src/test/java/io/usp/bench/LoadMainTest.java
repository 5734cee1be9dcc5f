package io.usp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.usp.bench.net.Loops;
import io.usp.bench.target.Target;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoadMainTest {

    @Test
    void aMeasurementPrintsExactlyOneJsonLine() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        int exit;
        try (Loops loops = Loops.open("test"); Target echo = Target.echo(loops.group(), "127.0.0.1", 0)) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = LoadMain.commandLine().execute("latency", "--connect", "127.0.0.1:" + echo.port(),
                    "--count", "50", "--warmup", "5");
        } finally {
            System.setOut(stdout);
        }
        assertThat(exit).isZero();
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(out.lines()).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(out);
        assertThat(json.get("count").asInt()).isEqualTo(50);
        assertThat(json.has("p999_us")).isTrue();
        assertThat(json.has("bulk_gbits")).isFalse(); // only with --bulk
    }

    @Test
    void aBadCommandLineExitsWithTwoAndSaysWhy() {
        StringWriter err = new StringWriter();
        int exit = LoadMain.commandLine().setErr(new PrintWriter(err))
                .execute("latency", "--connect", "localhost", "--count", "5");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("HOST:PORT");
    }

    @Test
    void aBadProxyExitsWithTwoAndNamesTheOption() {
        StringWriter err = new StringWriter();
        int exit = LoadMain.commandLine().setErr(new PrintWriter(err))
                .execute("rate", "--connect", "echo.inside:7", "--proxy", "http://127.0.0.1:3128");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--proxy").contains("socks5://HOST:PORT");
    }

    @Test
    void anInvalidSettingExitsWithTwo() {
        StringWriter err = new StringWriter();
        int exit = LoadMain.commandLine().setErr(new PrintWriter(err))
                .execute("rate", "--connect", "127.0.0.1:9", "--workers", "0");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--workers");
    }
}
