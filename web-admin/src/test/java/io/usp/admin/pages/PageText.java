package io.usp.admin.pages;

import static org.assertj.core.api.Assertions.assertThat;

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
