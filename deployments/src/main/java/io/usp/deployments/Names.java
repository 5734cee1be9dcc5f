package io.usp.deployments;

/** Names of deployments and clients: short, printable, safe in logs, headers and file names. */
public final class Names {

    private Names() {
    }

    private static final int QUOTED = 64;

    public static String require(String name, String field) {
        if (name == null || name.length() > 63 || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException(field + " '" + shortened(name)
                    + "' must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    /** {@code text} as an error quotes it: its start only, when it is long (what a hostile file sent). */
    public static String shortened(String text) {
        if (text == null || text.length() <= QUOTED) {
            return text;
        }
        return text.substring(0, QUOTED) + "... (" + text.length() + " characters)";
    }
}
