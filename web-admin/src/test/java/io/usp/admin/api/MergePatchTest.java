package io.usp.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.usp.admin.AdminTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The merge patch against the examples of RFC 7396 appendix A (target, patch, result). */
class MergePatchTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"a":"b"}                  | {"a":"c"}                 | {"a":"c"}
            {"a":"b"}                  | {"b":"c"}                 | {"a":"b","b":"c"}
            {"a":"b"}                  | {"a":null}                | {}
            {"a":"b","b":"c"}          | {"a":null}                | {"b":"c"}
            {"a":["b"]}                | {"a":"c"}                 | {"a":"c"}
            {"a":"c"}                  | {"a":["b"]}               | {"a":["b"]}
            {"a":{"b":"c"}}            | {"a":{"b":"d","c":null}}  | {"a":{"b":"d"}}
            {"a":[{"b":"c"}]}          | {"a":[1]}                 | {"a":[1]}
            ["a","b"]                  | ["c","d"]                 | ["c","d"]
            {"a":"b"}                  | ["c"]                     | ["c"]
            {"a":"foo"}                | null                      | null
            {"a":"foo"}                | "bar"                     | "bar"
            {"e":null}                 | {"a":1}                   | {"e":null,"a":1}
            [1,2]                      | {"a":"b","c":null}        | {"a":"b"}
            {}                         | {"a":{"bb":{"ccc":null}}} | {"a":{"bb":{}}}
            """)
    void rfc7396AppendixA(String target, String patch, String result) {
        assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(result));
    }

    @Test
    void changesNeitherTargetNorPatch() {
        String targetText = "{\"listener\":{\"bind\":\"0.0.0.0\",\"port\":1},\"limits\":{\"maxConnections\":5}}";
        String patchText = "{\"listener\":{\"port\":2},\"limits\":null,\"target\":{\"host\":\"a\"}}";
        JsonNode target = json(targetText);
        JsonNode patch = json(patchText);

        JsonNode merged = MergePatch.apply(target, patch);

        assertThat(merged).isEqualTo(json("{\"listener\":{\"bind\":\"0.0.0.0\",\"port\":2},\"target\":{\"host\":\"a\"}}"));
        assertThat(target).isEqualTo(json(targetText));
        assertThat(patch).isEqualTo(json(patchText));
        assertThat(merged.get("target")).as("not the patch's own node").isNotSameAs(patch.get("target"));
    }

    private static JsonNode json(String text) {
        return AdminTestServer.json(text);
    }
}
