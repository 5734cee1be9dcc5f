package io.usp.admin.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.usp.deployments.yaml.ConfigException;
import java.util.Set;

/**
 * JSON in and out of the API: bodies are read strictly, errors are {@code {"error", "field"}}
 * where the error names the field as config errors do:
 * {@code field 'address': is required and must be a string}.
 */
public final class ApiJson {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ApiJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** The request body as a JSON object; anything else is a 400. */
    public static ObjectNode body(Context ctx) {
        JsonNode node;
        try {
            node = MAPPER.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest(null, "body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest(null, "body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** A text field of the body that must be there. */
    public static String requiredText(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw ApiException.badRequest(field, "is required and must be a string");
        }
        return value.textValue();
    }

    /** A 400 naming the first field of {@code body} not in {@code fields}; {@code shape} says what the body is. */
    public static void onlyFields(ObjectNode body, String shape, String... fields) {
        Set<String> known = Set.of(fields);
        body.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw ApiException.badRequest(field, "is unknown; the body is " + shape);
            }
        });
    }

    public static void send(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    /** {@code problem} says what is wrong without where; {@code field} is the body's field to blame, or null. */
    public static void error(Context ctx, int status, String problem, String field) {
        ObjectNode body = object().put("error", ConfigException.message(null, null, field, problem));
        if (field != null) {
            body.put("field", field);
        }
        send(ctx, status, body);
    }
}
