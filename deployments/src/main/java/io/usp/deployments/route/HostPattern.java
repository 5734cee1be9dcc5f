package io.usp.deployments.route;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One entry of a rule's {@code hosts}: an exact name, {@code *.suffix}, {@code prefix*}, or
 * {@code re:} and a Java regular expression that must match the whole name. Names are compared
 * in lower case and without a trailing dot ({@link #normalize}).
 */
public sealed interface HostPattern {

    /** Longest pattern accepted: a regex is compiled once, but a huge one is a mistake. */
    int MAX_LENGTH = 512;

    /** Whether {@code name}, already {@link #normalize normalized}, matches. */
    boolean matches(String name);

    /** The pattern as written in config, so it reads back the same. */
    String text();

    static HostPattern parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a host pattern must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("host pattern is longer than " + MAX_LENGTH + " characters");
        }
        if (text.startsWith("re:")) {
            return Regex.compile(text.substring(3));
        }
        String name = normalize(text);
        if (name.startsWith("*.")) {
            return new Suffix(requireName(name.substring(2), text));
        }
        if (name.endsWith("*")) {
            return new Prefix(requireName(name.substring(0, name.length() - 1), text));
        }
        return new Exact(requireName(name, text));
    }

    /** Lower case, without one trailing dot: {@code Build.Internal.} is {@code build.internal}. */
    static String normalize(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static String requireName(String name, String original) {
        if (!name.matches("[a-z0-9._:-]+")) {
            throw new IllegalArgumentException("host pattern '" + original + "' must be a name or address, '*.' and a"
                    + " domain, a start of a name and '*', or 're:' and a regular expression");
        }
        return name;
    }

    /** {@code build.internal}: that name only. */
    record Exact(String name) implements HostPattern {
        @Override
        public boolean matches(String candidate) {
            return name.equals(candidate);
        }

        @Override
        public String text() {
            return name;
        }
    }

    /** {@code *.build.internal}: any name below the domain, not the domain itself. */
    record Suffix(String domain) implements HostPattern {
        @Override
        public boolean matches(String candidate) {
            return candidate.length() > domain.length() + 1 && candidate.endsWith(domain)
                    && candidate.charAt(candidate.length() - domain.length() - 1) == '.';
        }

        @Override
        public String text() {
            return "*." + domain;
        }
    }

    /** {@code db*}: any name that starts with the text. */
    record Prefix(String start) implements HostPattern {
        @Override
        public boolean matches(String candidate) {
            return candidate.startsWith(start);
        }

        @Override
        public String text() {
            return start + "*";
        }
    }

    /** {@code re:^db[0-9]+\.internal$}: the whole name must match, case-insensitively. */
    record Regex(Pattern pattern) implements HostPattern {
        static Regex compile(String regex) {
            try {
                return new Regex(Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'re:" + regex + "' is not a valid regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }

        @Override
        public boolean matches(String candidate) {
            return pattern.matcher(candidate).matches();
        }

        @Override
        public String text() {
            return "re:" + pattern.pattern();
        }

        // Pattern has identity equality; two rules written alike are equal
        @Override
        public boolean equals(Object o) {
            return o instanceof Regex r && r.pattern.pattern().equals(pattern.pattern());
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }
}
