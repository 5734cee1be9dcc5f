package io.usp.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads pieces of a rendered page the way a browser test finds them: by id and by input name. */
final class PageText {

    private PageText() {
    }

    /** The content of the element with {@code id} up to its first closing tag; fails when there is none. */
    static String byId(String html, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>(.*?)</", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("element #%s in %s", id, html).isTrue();
        return m.group(1);
    }

    /** From the element with {@code id} to the first {@code end} after it, e.g. a whole table row. */
    static String upTo(String html, String id, String end) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("element #%s in %s", id, html).isNotNegative();
        int stop = html.indexOf(end, start);
        assertThat(stop).as("%s after #%s", end, id).isPositive();
        return html.substring(start, stop);
    }

    static boolean hasId(String html, String id) {
        return html.contains("id=\"" + id + "\"");
    }

    /** The value attribute of the input named {@code name}. */
    static String inputValue(String html, String name) {
        Matcher m = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("input %s in %s", name, html).isTrue();
        return m.group(1);
    }

    /** The value of the selected option of the select named {@code name}; empty when none is selected. */
    static String selected(String html, String name) {
        Matcher select = Pattern.compile("<select[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*>(.*?)</select>",
                Pattern.DOTALL).matcher(html);
        assertThat(select.find()).as("select %s in %s", name, html).isTrue();
        Matcher option = Pattern.compile("<option value=\"([^\"]*)\" selected>").matcher(select.group(1));
        return option.find() ? option.group(1) : "";
    }

    /**
     * What a browser would post for the form with {@code id} as rendered, without pressing a
     * button: text inputs, checked boxes, selected options and textareas, unescaped; no CSRF field.
     */
    static Map<String, String> formValues(String html, String id) {
        String form = upTo(html, id, "</form>");
        Map<String, String> out = new LinkedHashMap<>();
        Matcher inputs = Pattern.compile("<input([^>]*)>").matcher(form);
        while (inputs.find()) {
            String attributes = inputs.group(1);
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(attributes);
            Matcher value = Pattern.compile("value=\"([^\"]*)\"").matcher(attributes);
            boolean box = attributes.contains("type=\"checkbox\"");
            if (name.find() && value.find() && !name.group(1).equals("csrf") && (!box || attributes.contains(" checked"))) {
                out.put(unescape(name.group(1)), unescape(value.group(1)));
            }
        }
        Matcher selects = Pattern.compile("<select[^>]*name=\"([^\"]*)\"").matcher(form);
        while (selects.find()) {
            String name = unescape(selects.group(1));
            out.put(name, unescape(selected(form, name)));
        }
        Matcher areas = Pattern.compile("<textarea[^>]*name=\"([^\"]*)\"[^>]*>(.*?)</textarea>", Pattern.DOTALL)
                .matcher(form);
        while (areas.find()) {
            out.put(unescape(areas.group(1)), unescape(areas.group(2)));
        }
        return out;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    /** Every POST form of the page carries the CSRF field. */
    static void everyPostFormHasCsrf(String html) {
        Matcher forms = Pattern.compile("<form[^>]*method=\"post\"[^>]*>(.*?)</form>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (forms.find()) {
            count++;
            assertThat(forms.group(1)).as("form %s", forms.group()).contains("name=\"csrf\" value=\"");
        }
        assertThat(count).as("POST forms on %s", html).isPositive();
    }
}
