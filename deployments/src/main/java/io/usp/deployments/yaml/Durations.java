package io.usp.deployments.yaml;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in config files: a whole number and one unit, {@code 500ms}, {@code 15s},
 * {@code 30m}, {@code 1h} or {@code 2d}. A bare number is refused, so nobody has to guess the unit.
 */
public final class Durations {

    /** Shown in every error message. */
    public static final String UNITS = "ms, s, m, h or d (e.g. 500ms, 15s, 30m, 1h, 2d)";

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

    private Durations() {
    }

    /** Parses {@code 15s} and the like; throws {@link IllegalArgumentException} with a readable message. */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a duration is required; units: " + UNITS);
        }
        String s = text.strip();
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            String why = s.matches("\\d+") ? "has no unit" : "is not a duration";
            throw new IllegalArgumentException("'" + text + "' " + why + "; write a whole number and one of " + UNITS);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalStateException(m.group(2));
        };
    }

    /** Like {@link #parse} but refuses zero. */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("'" + text + "' must be more than zero");
        }
        return d;
    }

    /** The shortest exact form in the same notation, e.g. {@code 90s}, {@code 1h}, {@code 500ms}. */
    public static String format(Duration d) {
        if (d.isNegative() || d.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(d + " cannot be written in whole milliseconds");
        }
        long ms = d.toMillis();
        if (ms % 1000 != 0 || ms == 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        if (s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
