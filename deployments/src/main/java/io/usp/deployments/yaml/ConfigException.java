package io.usp.deployments.yaml;

import java.nio.file.Path;

/**
 * A configuration that cannot be used, with where the problem is: the file, the entry (a
 * deployment or allow rule) and the field. Any of the three may be absent. The message is one
 * line, e.g. {@code /etc/usp/server.yaml: deployment 'ssh-build-box', field 'ipFilter.block[0]':
 * '203.0.113.0/33' has prefix length 33, more than 32}.
 */
public class ConfigException extends RuntimeException {

    private final transient Path file;
    private final String entry;
    private final String field;
    private final String problem;

    /**
     * @param file    the configuration file, or null for a request body or a configuration built in code
     * @param entry   e.g. {@code deployment 'ssh-build-box'}, or null for the top level (a request body's too)
     * @param field   e.g. {@code ipFilter.block[0]}, or null when the problem is the whole entry
     * @param problem what is wrong, without the location
     */
    public ConfigException(Path file, String entry, String field, String problem) {
        this(file, entry, field, problem, null);
    }

    public ConfigException(Path file, String entry, String field, String problem, Throwable cause) {
        super(message(file, entry, field, problem), cause);
        this.file = file;
        this.entry = entry;
        this.field = field;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    public String entry() {
        return entry;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /**
     * The one wording of where a problem is, for config files and request bodies alike: what is
     * known of file, entry and field, then the problem, on one line. A request body (no file, no
     * entry) gives {@code field 'listener.port': port 99999 is outside 0..65535}.
     */
    public static String message(Path file, String entry, String field, String problem) {
        StringBuilder out = new StringBuilder();
        if (file != null) {
            out.append(file).append(": ");
        }
        if (entry != null) {
            out.append(entry).append(field != null ? ", " : ": ");
        }
        if (field != null) {
            out.append("field '").append(field).append("': ");
        }
        // one line, whatever the problem text, a key or a name carried (a key with a line break: found by fuzzing)
        return out.append(String.valueOf(problem)).toString().replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
