package io.usp.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.usp.bench.memory.RssSeries;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    record Sample(double p999Us, long perConnectionBytes, String firstError, Map<String, RssSeries> rssKb) {
    }

    @Test
    void writesSnakeCaseFieldsOnOneLine() {
        String line = Json.line(new Sample(12.5, 3000, null, Map.of("42", new RssSeries(1, 3, 2))));
        assertThat(line).isEqualTo("{\"p999_us\":12.5,\"per_connection_bytes\":3000,\"first_error\":null,"
                + "\"rss_kb\":{\"42\":{\"first\":1,\"max\":3,\"last\":2}}}");
    }

    @Test
    void errorsKeepTheFirstAndCountAll() {
        Errors errors = new Errors();
        errors.record(new java.net.ConnectException("Connection refused"));
        errors.record(new IllegalStateException("later"));
        assertThat(errors.count()).isEqualTo(2);
        assertThat(errors.first()).isEqualTo("ConnectException: Connection refused");
        assertThat(Errors.describe(new java.io.IOException("Too many open files"))).contains("ulimit -n");
    }
}
