package io.usp.admin.pages;

import io.usp.deployments.store.StoreException;
import io.usp.deployments.yaml.ConfigException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a refusal next to the form field it is about. The field paths of {@link ConfigException}
 * and {@link StoreException} are the YAML paths the form's inputs are named after; a list element
 * ({@code ipFilter.allow[1]}) goes to its textarea as "entry 2" (blank lines do not count); a
 * field inside an input's value ({@code dnsOverrides.vnc1.com}) goes to that input, named first.
 */
final class FieldErrors {

    private static final Pattern ELEMENT = Pattern.compile("(.+)\\[(\\d+)]$");

    private FieldErrors() {
    }

    /**
     * @param inputs  the names of the form's inputs
     * @param aliases field paths that have no input of their own, mapped to the input that holds them
     */
    static void add(FormFields form, ConfigException e, Set<String> inputs, Map<String, String> aliases) {
        place(form, e.field(), e.problem(), e.getMessage(), inputs, aliases);
    }

    static void add(FormFields form, StoreException e, Set<String> inputs, Map<String, String> aliases) {
        place(form, e.field(), e.getMessage(), e.getMessage(), inputs, aliases);
    }

    private static void place(FormFields form, String field, String problem, String whole, Set<String> inputs,
                              Map<String, String> aliases) {
        if (field == null) {
            form.error(FormFields.FORM, whole);
            return;
        }
        String input = field;
        String message = problem;
        Matcher element = ELEMENT.matcher(field);
        if (element.matches()) {
            input = element.group(1);
            message = "entry " + (Integer.parseInt(element.group(2)) + 1) + ": " + problem;
        }
        input = aliases.getOrDefault(input, input);
        if (inputs.contains(input)) {
            form.error(input, message);
            return;
        }
        for (String holder : inputs) {
            if (field.startsWith(holder + ".")) {
                form.error(holder, field.substring(holder.length() + 1) + ": " + problem);
                return;
            }
        }
        form.error(FormFields.FORM, whole);
    }
}
