package io.usp.deployments.yaml;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.usp.deployments.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML config file strictly: duplicate keys, unknown keys and wrong types ("22" for a
 * number, 1 for true, 1.5 for a whole number) are errors. Every failure is a
 * {@link ConfigException} naming the file, the entry and the field. Convert each entry
 * (deployment, allow rule) with its own {@link Entry} so a failure deep inside still names the
 * entry it belongs to.
 */
public final class StrictYaml {

    /** The largest file read: 20,000 deployments as {@code export} writes them fit many times over. */
    public static final long MAX_FILE_BYTES = 32L << 20;
    /** The longest value: no name, host, CIDR or port range comes near it. */
    public static final int MAX_SCALAR_CHARS = 8 << 10;
    private static final int MAX_NESTING = 32;

    static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .loaderOptions(loaderOptions())
                    .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL) // 'limits:' with nothing after it is absent
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(MAX_SCALAR_CHARS)
                            .maxNestingDepth(MAX_NESTING)
                            .maxDocumentLength(MAX_FILE_BYTES)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // "22" is not a number, 1 is not true
            // what export writes: plain where YAML reads it back the same, quoted where it would not ("22")
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .build();

    private final Path file;

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setMaxAliasesForCollections(10); // nothing here needs aliases; a "billion laughs" needs many
        return options;
    }

    public StrictYaml(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The whole file as a mapping of keys. */
    public ObjectNode read() {
        if (Files.isDirectory(file)) {
            throw top().error(null, "is a folder, not a file");
        }
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw top().error(null, "is " + (size >> 20) + " MiB; the limit is " + (MAX_FILE_BYTES >> 20)
                        + " MiB");
            }
        } catch (NoSuchFileException e) {
            throw top().error(null, "file not found");
        } catch (IOException e) {
            throw top().error(null, "cannot be read: " + e, e);
        }
        try {
            String text = Files.readString(file);
            checkLines(text);
            root = MAPPER.readTree(text);
        } catch (NoSuchFileException e) {
            throw top().error(null, "file not found");
        } catch (JsonMappingException e) {
            String problem = String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")
                    ? "holds more than one YAML document (a second '---'); keep one"
                    : JacksonErrors.problem(e, null);
            throw top().error(null, problem, e);
        } catch (JsonParseException e) {
            throw top().error(JacksonErrors.parseField(e), JacksonErrors.parseProblem(e), e);
        } catch (IOException e) {
            throw top().error(null, "cannot be read: " + e, e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw top().error(null, "the file is empty");
        }
        if (!root.isObject()) {
            throw top().error(null, "expected a mapping of keys at the top level, got "
                    + JacksonErrors.describe(root));
        }
        checkValues(root, "");
        return (ObjectNode) root;
    }

    /**
     * A very long line is refused before the parser spends time and memory on it (a 4 MB value took
     * it 16 s and 1.5 GB); a value that long has no use in these files.
     */
    private void checkLines(String text) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_SCALAR_CHARS) {
                    throw top().error(null, "line " + line + " is " + (i - start) + " characters long; the limit is "
                            + MAX_SCALAR_CHARS);
                }
                line++;
                start = i + 1;
            }
        }
    }

    /** A value spread over several short lines is held to the same limit once parsed. */
    private void checkValues(JsonNode node, String path) {
        if (node.isTextual() && node.textValue().length() > MAX_SCALAR_CHARS) {
            throw top().error(path, "is " + node.textValue().length() + " characters long; the limit is "
                    + MAX_SCALAR_CHARS);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> checkValues(e.getValue(),
                    path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkValues(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** The top level of the file: errors name no entry. */
    public Entry top() {
        return new Entry(this, null);
    }

    /** One entry of the file, e.g. {@code deployment 'ssh-build-box'} or {@code allow[0]}. */
    public Entry entry(String label) {
        return new Entry(this, label);
    }

    /**
     * Element {@code index} of the list {@code section}, named by its {@code name} when it has one
     * ({@code deployment 'ssh'}), else by its place ({@code deployments[2]}).
     */
    public Entry entry(String kind, String section, JsonNode node, int index) {
        JsonNode name = node == null ? null : node.get("name");
        return entry(name != null && name.isTextual()
                ? kind + " '" + Names.shortened(name.textValue()) + "'" : section + "[" + index + "]");
    }

    /**
     * A request body that is one entry by itself (an admin API call, a form): no file and no entry
     * to name, so its errors name only the field, e.g. {@code field 'listener.port': ...}.
     */
    public static Entry body() {
        return new StrictYaml(null).top();
    }

    static <T> T treeToValue(JsonNode node, Class<T> type) throws JsonProcessingException {
        return MAPPER.treeToValue(node, type);
    }
}
