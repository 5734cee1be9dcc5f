package io.usp.admin.pages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.usp.deployments.route.HostPattern;
import io.usp.deployments.route.Rule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rows of the deployment form's rules editor, one per rule, as typed. Row {@code i} (from 0)
 * posts inputs named like the YAML fields, {@code rules[i].action}, {@code rules[i].client},
 * {@code rules[i].hosts}, {@code rules[i].cidrs} and {@code rules[i].ports}, so a reader's error on
 * {@code rules[1].hosts[0]} lands on its input. Lists are typed separated by commas or spaces;
 * a {@code re:} host pattern runs to the next space, so it may hold commas ({@code re:^db{1,3}$}).
 */
record RuleRows(List<Row> rows) {

    static final List<String> COLUMNS = List.of("action", "client", "hosts", "cidrs", "ports");

    private static final Pattern INPUT = Pattern.compile("rules\\[(\\d{1,4})]\\.(action|client|hosts|cidrs|ports)");
    private static final Pattern OP = Pattern.compile("(up|down|delete):(\\d{1,4})");

    /** One rule as typed. */
    record Row(String action, String client, String hosts, String cidrs, String ports) {

        static final Row BLANK = new Row("", "", "", "", "");

        String value(String column) {
            return switch (column) {
                case "action" -> action;
                case "client" -> client;
                case "hosts" -> hosts;
                case "cidrs" -> cidrs;
                case "ports" -> ports;
                default -> throw new IllegalArgumentException("no rule column " + column);
            };
        }
    }

    RuleRows {
        rows = List.copyOf(rows);
    }

    /** The input name of {@code column} in row {@code index} (from 0). */
    static String input(int index, String column) {
        return "rules[" + index + "]." + column;
    }

    static RuleRows of(List<Rule> rules) {
        return new RuleRows(rules.stream().map(r -> new Row(r.action().label(), r.client().orElse(""),
                r.hosts().stream().map(HostPattern::text).collect(Collectors.joining(" ")),
                joined(r.cidrs()), joined(r.ports()))).toList());
    }

    /** The rows a form posted, in the order of their indexes. */
    static RuleRows submitted(Context ctx) {
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            Matcher m = INPUT.matcher(name);
            if (m.matches() && !values.isEmpty()) {
                byIndex.computeIfAbsent(Integer.parseInt(m.group(1)), i -> new TreeMap<>()).put(m.group(2), values.get(0));
            }
        });
        return new RuleRows(byIndex.values().stream().map(v -> new Row(v.getOrDefault("action", ""),
                v.getOrDefault("client", ""), v.getOrDefault("hosts", ""), v.getOrDefault("cidrs", ""),
                v.getOrDefault("ports", ""))).toList());
    }

    /** The rows held in {@code form}'s values ({@link #put}): row i is there while its action input is. */
    static RuleRows in(FormFields form) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; form.has(input(i, "action")); i++) {
            int at = i;
            List<String> v = COLUMNS.stream().map(c -> form.value(input(at, c))).toList();
            rows.add(new Row(v.get(0), v.get(1), v.get(2), v.get(3), v.get(4)));
        }
        return new RuleRows(rows);
    }

    /** Adds every row's inputs to form {@code values}. */
    void put(Map<String, String> values) {
        for (int i = 0; i < rows.size(); i++) {
            for (String column : COLUMNS) {
                values.put(input(i, column), rows.get(i).value(column));
            }
        }
    }

    /**
     * The rows after an editing button: {@code add}, or {@code up:N}, {@code down:N}, {@code delete:N}
     * with N the rule's number (from 1) as the page shows it.
     */
    RuleRows apply(String op) {
        List<Row> out = new ArrayList<>(rows);
        if ("add".equals(op)) {
            out.add(Row.BLANK);
            return new RuleRows(out);
        }
        Matcher m = OP.matcher(op);
        int index = m.matches() ? Integer.parseInt(m.group(2)) - 1 : -1;
        if (index < 0 || index >= rows.size()) {
            throw new IllegalArgumentException("'" + op + "' is not an editing step of these "
                    + rows.size() + " rules");
        }
        switch (m.group(1)) {
            case "up" -> out.add(Math.max(0, index - 1), out.remove(index));
            case "down" -> out.add(Math.min(rows.size() - 1, index + 1), out.remove(index));
            default -> out.remove(index);
        }
        return new RuleRows(out);
    }

    /** The rules as a YAML {@code rules:} list; blank inputs are left out, for the reader to judge. */
    ArrayNode entry() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        for (Row row : rows) {
            ObjectNode rule = out.addObject();
            putText(rule, "action", row.action());
            putText(rule, "client", row.client());
            putList(rule, "hosts", hostPatterns(row.hosts()));
            putList(rule, "cidrs", words(row.cidrs()));
            putList(rule, "ports", words(row.ports()));
        }
        return out;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    int size() {
        return rows.size();
    }

    /** Words between spaces, each split at its commas until a {@code re:} pattern starts. */
    static List<String> hostPatterns(String text) {
        List<String> out = new ArrayList<>();
        for (String word : words(text, "\\s+")) {
            int regex = word.startsWith("re:") ? 0 : word.indexOf(",re:");
            String plain = regex < 0 ? word : word.substring(0, regex);
            out.addAll(words(plain, ","));
            if (regex >= 0) {
                out.add(word.substring(regex == 0 ? 0 : regex + 1));
            }
        }
        return out;
    }

    private static List<String> words(String text) {
        return words(text, "[\\s,]+");
    }

    private static List<String> words(String text, String separator) {
        return Arrays.stream(text.strip().split(separator)).filter(w -> !w.isEmpty()).toList();
    }

    private static void putText(ObjectNode node, String key, String text) {
        Optional.of(text.strip()).filter(t -> !t.isEmpty()).ifPresent(t -> node.put(key, t));
    }

    private static void putList(ObjectNode node, String key, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode list = node.putArray(key);
            values.forEach(list::add);
        }
    }

    private static String joined(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining(", "));
    }
}
