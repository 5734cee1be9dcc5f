package io.usp.deployments.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/** What every store class shares: how instants go in and out, column helpers, and database errors as {@link StoreException}s. */
final class Sql {

    // SQLSTATEs (the SQL standard's, which H2 and PostgreSQL both give) of constraint violations
    // that may slip past the checks in code
    private static final String VALUE_TOO_LONG = "22001";
    private static final String NULL_NOT_ALLOWED = "23502";
    private static final String FOREIGN_KEY = "23503"; // PostgreSQL: a child exists, or the parent is missing
    private static final String DUPLICATE_KEY = "23505";
    private static final String PARENT_MISSING = "23506"; // H2 only
    private static final String CHECK_VIOLATED = "23513";

    /** Columns whose problems an admin can fix, as the entry field they come from. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("NAME", "name"),
            Map.entry("USERNAME", "username"),
            Map.entry("LISTENER_BIND", "listener.bind"),
            Map.entry("LISTENER_PORT", "listener.port"),
            Map.entry("IP_FILTER_NAME", "ipFilter"),
            Map.entry("FILTER_BLOCK_RULES", "ipFilter.block"),
            Map.entry("FILTER_ALLOW_RULES", "ipFilter.allow"),
            Map.entry("BLOCK_RULES", "block"),
            Map.entry("ALLOW_RULES", "allow"),
            Map.entry("TARGET_HOST", "target.host"),
            Map.entry("TARGET_PORT", "target.port"),
            Map.entry("CLIENT", "client"),
            Map.entry("IDLE_TIMEOUT_MS", "idleTimeout"));

    private static final Pattern WORD = Pattern.compile("[A-Z][A-Z_]+");

    private Sql() {
    }

    /**
     * Instants go in as {@link OffsetDateTime} in UTC, truncated to microseconds: what PostgreSQL's
     * TIMESTAMP WITH TIME ZONE keeps, so an instant written reads back equal on either database.
     */
    static void register(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position,
                        value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
            }
        });
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(instant(rs, column));
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    static Integer orNull(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    /** Runs {@code work}, turning a constraint violation the code did not foresee into a {@link StoreException}. */
    static <T> T translate(Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw storeException(e).orElseThrow(() -> e);
        }
    }

    static void translate(Runnable work) {
        translate(() -> {
            work.run();
            return null;
        });
    }

    static Optional<StoreException> storeException(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                return Optional.ofNullable(storeException(s));
            }
        }
        return Optional.empty();
    }

    private static StoreException storeException(SQLException e) {
        String field = field(e.getMessage());
        String problem = firstLine(e.getMessage());
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals(FOREIGN_KEY) && !String.valueOf(e.getMessage()).contains("still referenced")
                && !String.valueOf(e.getMessage()).contains("Referential integrity constraint violation")) {
            state = PARENT_MISSING; // PostgreSQL's wording for a row whose parent is missing
        }
        return switch (state) {
            case DUPLICATE_KEY -> new StoreException(StoreException.Kind.CONFLICT, field, "already exists: " + problem);
            case FOREIGN_KEY -> new StoreException(StoreException.Kind.CONFLICT, null, "still in use: " + problem);
            case PARENT_MISSING -> new StoreException(StoreException.Kind.INVALID, field, "refers to nothing: " + problem);
            case VALUE_TOO_LONG -> new StoreException(StoreException.Kind.INVALID, field, "is too long: " + problem);
            case CHECK_VIOLATED, NULL_NOT_ALLOWED -> new StoreException(StoreException.Kind.INVALID, field, problem);
            default -> null;
        };
    }

    private static String field(String message) {
        if (message == null) {
            return null;
        }
        // H2 names tables and columns in capitals in its first line; PostgreSQL in lower case, the
        // key's columns in its Detail line
        String named = firstLine(message) + message.lines().filter(l -> l.strip().startsWith("Detail:"))
                .findFirst().orElse("");
        Matcher m = WORD.matcher(named.toUpperCase(Locale.ROOT));
        while (m.find()) {
            String field = FIELDS.get(m.group());
            if (field != null) {
                return field;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "refused by the database";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
