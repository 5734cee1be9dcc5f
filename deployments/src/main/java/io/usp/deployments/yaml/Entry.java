package io.usp.deployments.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One entry of a config file (or its top level) while it is being converted: every error it
 * raises names the file and the entry, and the field given.
 */
public final class Entry {

    private final StrictYaml yaml;
    private final String label;

    Entry(StrictYaml yaml, String label) {
        this.yaml = yaml;
        this.label = label;
    }

    /** E.g. {@code deployment 'ssh-build-box'}; null at the top level. */
    public String label() {
        return label;
    }

    /** Binds {@code node} to a DTO record; unknown keys and wrong types name their field. */
    public <T> T convert(JsonNode node, Class<T> type) {
        return convert(node, type, null);
    }

    /** Like {@link #convert(JsonNode, Class)} for a part of the entry: error fields start with {@code prefix.}. */
    public <T> T convert(JsonNode node, Class<T> type, String prefix) {
        try {
            return StrictYaml.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String field = JacksonErrors.field(e);
            String at = prefix == null ? field : field == null ? prefix : prefix + "." + field;
            throw error(at, JacksonErrors.problem(e, node), e);
        } catch (JsonProcessingException e) {
            throw error(prefix, e.getOriginalMessage(), e);
        }
    }

    /** Builds a value; an {@link IllegalArgumentException} from its validation names {@code field}. */
    public <T> T check(String field, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage(), e);
        }
    }

    /** The value, or an error saying the field is required. */
    public <T> T require(String field, T value) {
        if (value == null) {
            throw error(field, "is required");
        }
        return value;
    }

    /** Each element through {@code parse}; absent means empty; a failing element is named by index. */
    public <T, R> List<R> list(String field, List<T> values, Function<T, R> parse) {
        if (values == null) {
            return List.of();
        }
        List<R> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String at = field + "[" + i + "]";
            T value = values.get(i);
            if (value == null || value instanceof JsonNode n && n.isNull()) {
                throw error(at, "must not be empty");
            }
            out.add(check(at, () -> parse.apply(value)));
        }
        return List.copyOf(out);
    }

    /** A positive duration such as {@code 15s}; {@code fallback} when the key is absent. */
    public Duration duration(String field, String text, Duration fallback) {
        return text == null ? fallback : check(field, () -> Durations.parsePositive(text));
    }

    /** An absolute path; relative text is taken relative to the config file's folder. */
    public Path path(String field, String text) {
        if (require(field, text).isBlank()) {
            throw error(field, "must not be empty");
        }
        Path base = yaml.file().toAbsolutePath().getParent();
        try {
            return base.resolve(text).normalize();
        } catch (InvalidPathException e) {
            throw error(field, "'" + text + "' is not a valid path: " + e.getReason(), e);
        }
    }

    public ConfigException error(String field, String problem) {
        return new ConfigException(yaml.file(), label, field, problem);
    }

    public ConfigException error(String field, String problem, Throwable cause) {
        return new ConfigException(yaml.file(), label, field, problem, cause);
    }
}
