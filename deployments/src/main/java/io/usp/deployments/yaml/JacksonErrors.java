package io.usp.deployments.yaml;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Turns Jackson's exceptions into a field path and a problem an operator can act on. */
final class JacksonErrors {

    private JacksonErrors() {
    }

    /** {@code ipFilter.block[0]} from Jackson's reference chain; null when there is none. */
    static String field(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? null : out.toString();
    }

    static String problem(JsonMappingException e, JsonNode root) {
        JsonNode value = at(root, e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "'; allowed here: " + known(u.getKnownPropertyIds());
        }
        if (e instanceof InvalidNullException) {
            return "must not be empty";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "expected " + kind(m.getTargetType()) + ", got " + describe(value);
        }
        if (e.getCause() instanceof InputCoercionException c && c.getTargetType() != null) {
            return "expected " + kind(c.getTargetType()) + ", got " + describe(value) + " (out of range)";
        }
        return firstLine(e.getCause() instanceof JacksonException j ? j.getOriginalMessage() : e.getOriginalMessage());
    }

    /** Syntax errors and duplicate keys, found while reading the file. */
    static String parseProblem(JsonParseException e) {
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            return "YAML syntax error at line " + (y.getProblemMark().getLine() + 1) + ", column "
                    + (y.getProblemMark().getColumn() + 1) + ": " + y.getProblem();
        }
        String where = "";
        JsonLocation loc = e.getLocation();
        if (loc != null && loc.getLineNr() > 0) {
            where = " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
        }
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            message = "duplicate key" + message.substring("Duplicate field".length());
        }
        return message + where;
    }

    /** Where the parser was when it failed, e.g. {@code deployments[0].listener.port}. */
    static String parseField(JsonParseException e) {
        JsonParser p = e.getProcessor();
        if (p == null || p.getParsingContext() == null) {
            return null;
        }
        String pointer = p.getParsingContext().pathAsPointer().toString(); // /deployments/0/listener
        if (pointer.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String part : pointer.substring(1).split("/")) {
            String name = part.replace("~1", "/").replace("~0", "~");
            out.append(name.matches("\\d+") ? "[" + name + "]" : (out.isEmpty() ? "" : ".") + name);
        }
        return out.toString();
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "nothing";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.isTextual() ? "'" + value.textValue() + "'" : value.asText();
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a single value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "a mapping (key: value)" : type.getSimpleName();
    }

    private static JsonNode at(JsonNode root, List<JsonMappingException.Reference> path) {
        JsonNode node = root == null ? MissingNode.getInstance() : root;
        for (JsonMappingException.Reference ref : path) {
            node = ref.getFieldName() != null ? node.path(ref.getFieldName()) : node.path(ref.getIndex());
        }
        return node;
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "(none)" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
