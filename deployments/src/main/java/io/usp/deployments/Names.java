package io.usp.deployments;

/** Names of deployments and clients: short, printable, safe in logs, headers and file names. */
public final class Names {

    private Names() {
    }

    public static String require(String name, String field) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException(field + " '" + name
                    + "' must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }
}
