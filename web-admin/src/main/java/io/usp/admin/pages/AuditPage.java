package io.usp.admin.pages;

import io.usp.admin.Html;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.usp.admin.auth.AdminSession;
import io.usp.deployments.store.AuditLog.AuditEntry;
import java.util.List;
import java.util.Optional;

/** The latest admin changes, newest first, with the entry before and after as JSON. */
final class AuditPage {

    static final int LIMIT = 200;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AuditPage() {
    }

    static String render(AdminSession session, List<AuditEntry> entries) {
        StringBuilder body = new StringBuilder("<p class=\"muted\">The latest " + LIMIT + " changes.</p>\n");
        if (entries.isEmpty()) {
            body.append("<p class=\"muted\" id=\"no-audit\">Nothing yet.</p>\n");
            return Layout.page("Audit log", "/audit", session, body.toString());
        }
        body.append("<table id=\"audit\"><thead><tr><th>When</th><th>Who</th><th>Action</th><th>What</th>"
                + "<th>Before</th><th>After</th></tr></thead><tbody>\n");
        for (AuditEntry e : entries) {
            body.append("<tr id=\"audit-").append(e.id()).append("\"><td>").append(Format.time(e.at()))
                    .append("</td><td>").append(Html.esc(e.actor())).append("</td><td>").append(Html.esc(e.action()))
                    .append("</td><td>").append(Html.esc(e.subjectKind())).append(' ')
                    .append(Html.esc(e.subjectName())).append("</td><td>").append(json("before", e.id(), e.before()))
                    .append("</td><td>").append(json("after", e.id(), e.after())).append("</td></tr>\n");
        }
        body.append("</tbody></table>\n");
        return Layout.page("Audit log", "/audit", session, body.toString());
    }

    private static String json(String which, long id, Optional<String> text) {
        return text.map(t -> "<details><summary>JSON</summary><pre id=\"audit-" + id + "-" + which + "\">"
                + Html.esc(pretty(t)) + "</pre></details>").orElse("");
    }

    /** Indented for reading; text that is not JSON is shown as stored. */
    private static String pretty(String text) {
        try {
            return JSON.writeValueAsString(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return text;
        }
    }
}
