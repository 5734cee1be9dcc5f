package io.usp.admin.pages;

import java.util.List;

/**
 * The deployment form's rules editor: one fieldset per rule ({@code rule-N}, N from 1) with its
 * inputs and the buttons "Move up", "Move down" and "Delete", then "Add rule" and the DNS
 * overrides. The buttons submit the whole form with {@code op} set ({@code up:N}, {@code down:N},
 * {@code delete:N}, {@code add}): the form comes back with the change made and nothing saved.
 */
final class RuleEditor {

    private static final List<String[]> ACTIONS = List.of(new String[] {"", "(choose)"},
            new String[] {"tunnel", "tunnel (a client connects)"}, new String[] {"direct", "direct (the server connects)"},
            new String[] {"block", "block (refuse)"});

    private RuleEditor() {
    }

    static String render(FormFields form) {
        int count = RuleRows.in(form).size();
        StringBuilder out = new StringBuilder("<fieldset id=\"rules-editor\"><legend>Rules (modes connect and socks5)"
                + "</legend>\n<p class=\"muted\">The first rule that matches decides; a destination no rule matches is"
                + " refused. A rule matches when every list it names matches; a blank list matches anything.</p>\n"
                + form.errorOf(RouteForm.RULES));
        if (count == 0) {
            out.append("<p class=\"muted\" id=\"no-rules\">No rules: every destination is refused.</p>\n");
        }
        for (int i = 0; i < count; i++) {
            out.append(row(form, i, count));
        }
        out.append("<p><button type=\"submit\" name=\"").append(DeploymentForm.STEP)
                .append("\" value=\"add\" id=\"add-rule\" class=\"secondary\">Add rule</button></p>\n")
                .append(form.textarea("DNS overrides", RouteForm.DNS_OVERRIDES, "one name = destination per line, e.g."
                        + " vnc1.com = myvncservice.internal; rules match the name asked for, the connection goes to"
                        + " the destination"))
                .append("</fieldset>\n");
        return out.toString();
    }

    private static String row(FormFields form, int index, int count) {
        int number = index + 1;
        return "<fieldset class=\"rule\" id=\"rule-" + number + "\"><legend>Rule " + number + "</legend>\n"
                + form.select("Action", RuleRows.input(index, "action"), ACTIONS, null)
                + form.text("Client", RuleRows.input(index, "client"), "list=\"known-clients\"",
                        "tunnel only; blank: the deployment's client")
                + form.text("Hosts", RuleRows.input(index, "hosts"), "spellcheck=\"false\"",
                        "names, *.domain, start*, or re:regex (up to the next space); separate with spaces or commas")
                + form.text("CIDRs", RuleRows.input(index, "cidrs"), "spellcheck=\"false\"",
                        "e.g. 10.20.0.0/16, checked on the address connected to")
                + form.text("Ports", RuleRows.input(index, "ports"), "spellcheck=\"false\"", "e.g. 22, 5901-5999")
                + "<p class=\"rule-steps\">"
                + (number > 1 ? step("up:" + number, "rule-" + number + "-up", "Move up") : "")
                + (number < count ? step("down:" + number, "rule-" + number + "-down", "Move down") : "")
                + step("delete:" + number, "rule-" + number + "-delete", "Delete")
                + "</p></fieldset>\n";
    }

    /** {@code value} and {@code id} are built from numbers, never from what was typed. */
    private static String step(String value, String id, String label) {
        return "<button type=\"submit\" name=\"" + DeploymentForm.STEP + "\" value=\"" + value + "\" id=\"" + id
                + "\" class=\"secondary\">" + label + "</button> ";
    }
}
