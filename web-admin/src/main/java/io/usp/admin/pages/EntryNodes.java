package io.usp.admin.pages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds the YAML-shaped entry a form stands for, so the forms are validated by the very code that
 * reads server.yaml and the API. Text is passed on as typed: a port of "abc" becomes a string and
 * the strict reader names the field and says what it expected.
 */
final class EntryNodes {

    private static final String WHOLE_NUMBER = "-?\\d{1,9}";

    private EntryNodes() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Puts the stripped text of {@code name}, or nothing when it is blank. */
    static void text(ObjectNode node, String key, FormFields form, String name) {
        if (form.present(name)) {
            node.put(key, form.value(name).strip());
        }
    }

    /** Puts a whole number as a number and anything else as text (so the reader refuses it); blank puts nothing. */
    static void number(ObjectNode node, String key, FormFields form, String name) {
        if (!form.present(name)) {
            return;
        }
        String text = form.value(name).strip();
        if (text.matches(WHOLE_NUMBER)) {
            node.put(key, Integer.parseInt(text));
        } else {
            node.put(key, text);
        }
    }

    /** One entry per non-blank line. */
    static void lines(ObjectNode node, String key, FormFields form, String name) {
        ArrayNode out = node.putArray(key);
        form.value(name).lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
    }
}
