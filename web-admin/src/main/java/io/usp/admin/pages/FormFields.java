package io.usp.admin.pages;

import io.javalin.http.Context;
import io.usp.admin.Html;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A form's values (as typed, or filled in from a stored entry) and the errors to show next to
 * its fields. A field named {@code listener.port} renders as an input with that name, id
 * {@code listener-port}, and its error as {@code <p class="error" id="error-listener-port">};
 * an error that belongs to no field shows above the form as {@code error-form}.
 */
final class FormFields {

    /** The key of an error that belongs to the whole form. */
    static final String FORM = "form";

    private final Map<String, String> values;
    private final Map<String, String> errors = new LinkedHashMap<>();

    /** The {@code inputs} a form posted, as typed; absent ones are left out. */
    static FormFields submitted(Context ctx, List<String> inputs) {
        return new FormFields(posted(ctx, inputs));
    }

    /** Like {@link #submitted}, as a map to add more values to. */
    static Map<String, String> posted(Context ctx, List<String> inputs) {
        Map<String, String> values = new HashMap<>();
        for (String input : inputs) {
            String value = ctx.formParam(input);
            if (value != null) {
                values.put(input, value);
            }
        }
        return values;
    }

    FormFields(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    String value(String name) {
        return values.getOrDefault(name, "");
    }

    /** Whether the form has a value for {@code name}, blank or not. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value stripped; blank counts as absent. */
    boolean present(String name) {
        return !value(name).isBlank();
    }

    void error(String field, String message) {
        errors.merge(field, message, (a, b) -> a + "; " + b);
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    static String inputId(String name) {
        return Html.idPart(name);
    }

    static String errorId(String name) {
        return "error-" + Html.idPart(name);
    }

    /** The message of {@code name} as an element, or nothing. */
    String errorOf(String name) {
        String message = errors.get(name);
        return message == null ? "" : "<p class=\"error\" id=\"" + errorId(name) + "\" role=\"alert\">"
                + Html.esc(message) + "</p>";
    }

    /** A text input; {@code attributes} are fixed HTML from the page's code, never user values. */
    String text(String label, String name, String attributes, String hint) {
        return field(label, name, "<input id=\"" + inputId(name) + "\" name=\"" + Html.esc(name) + "\" value=\""
                + Html.esc(value(name)) + "\" " + attributes + ">", hint);
    }

    /** One entry per line. */
    String textarea(String label, String name, String hint) {
        return field(label, name, "<textarea id=\"" + inputId(name) + "\" name=\"" + Html.esc(name)
                + "\" rows=\"4\" spellcheck=\"false\">" + Html.esc(value(name)) + "</textarea>", hint);
    }

    /** @param options pairs of value and label */
    String select(String label, String name, List<String[]> options, String hint) {
        StringBuilder out = new StringBuilder("<select id=\"" + inputId(name) + "\" name=\"" + Html.esc(name) + "\">");
        for (String[] option : options) {
            out.append("<option value=\"").append(Html.esc(option[0])).append('"')
                    .append(option[0].equals(value(name)) ? " selected" : "").append('>')
                    .append(Html.esc(option[1])).append("</option>");
        }
        return field(label, name, out.append("</select>").toString(), hint);
    }

    /** Checked when the value is {@code true}; an unchecked box sends nothing, which reads as false. */
    String checkbox(String label, String name) {
        return "<div class=\"field check\"><label><input type=\"checkbox\" id=\"" + inputId(name) + "\" name=\""
                + Html.esc(name) + "\" value=\"true\"" + ("true".equals(value(name)) ? " checked" : "") + "> "
                + Html.esc(label) + "</label>" + errorOf(name) + "</div>\n";
    }

    /** Errors that belong to no field, above the form. */
    String formErrors() {
        return errorOf(FORM);
    }

    private String field(String label, String name, String control, String hint) {
        return "<div class=\"field\"><label for=\"" + inputId(name) + "\">" + Html.esc(label) + "</label>" + control
                + (hint == null ? "" : "<small>" + Html.esc(hint) + "</small>") + errorOf(name) + "</div>\n";
    }
}
