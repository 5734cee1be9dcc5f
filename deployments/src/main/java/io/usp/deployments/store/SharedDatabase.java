package io.usp.deployments.store;

/**
 * A PostgreSQL database that several servers share, instead of the embedded H2 file in each
 * server's data folder.
 *
 * @param url      {@code jdbc:postgresql://host:port/database}
 * @param user     the role the servers log in as
 * @param password its password (read from an owner-only file, never from the config itself)
 */
public record SharedDatabase(String url, String user, String password) {

    public SharedDatabase {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("url must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database),"
                    + " got '" + url + "'");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user is required");
        }
        if (password == null) {
            throw new IllegalArgumentException("password is required");
        }
    }

    /** The password stays out of logs and error messages. */
    @Override
    public String toString() {
        return "SharedDatabase[" + url + " as " + user + "]";
    }
}
