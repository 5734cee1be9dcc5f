package io.usp.admin.pages;

import io.usp.admin.Html;
import io.usp.admin.auth.AdminSession;
import io.usp.deployments.IpFilter;
import io.usp.deployments.store.StoredIpFilter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Named IP filters with who uses them and a "test an address" box each. */
final class IpFilterListPage {

    /**
     * The answer of one filter's test box.
     *
     * @param decision what the filter does with the address; empty when {@code error} says why there is none
     */
    record TestResult(String filter, String address, Optional<IpFilter.Decision> decision, Optional<String> error) {
    }

    private IpFilterListPage() {
    }

    static String render(AdminSession session, List<StoredIpFilter> filters, Optional<TestResult> test) {
        StringBuilder body = new StringBuilder("<p><a class=\"button\" id=\"new-ip-filter\" href=\"/ip-filters/new\">"
                + "New IP filter</a></p>\n<p class=\"muted\">Rules apply in order: block rules, then allow rules,"
                + " then the default action.</p>\n");
        if (filters.isEmpty()) {
            body.append("<p class=\"muted\" id=\"no-ip-filters\">No named IP filters yet.</p>\n");
        }
        for (StoredIpFilter f : filters) {
            body.append(section(session, f, test.filter(t -> t.filter().equals(f.filter().name()))));
        }
        return Layout.page("IP filters", "/ip-filters", session, body.toString());
    }

    private static String section(AdminSession session, StoredIpFilter stored, Optional<TestResult> test) {
        String name = Html.esc(stored.filter().name());
        IpFilter f = stored.filter().filter();
        String usedBy = stored.usedBy().isEmpty() ? "<span class=\"muted\">nobody</span>"
                : stored.usedBy().stream().map(d -> "<a href=\"/deployments/" + Html.esc(d) + "/edit\">" + Html.esc(d)
                + "</a>").collect(Collectors.joining(", "));
        return "<section class=\"card\" id=\"filter-" + name + "\"><h2>" + name
                + (stored.managedByFile() ? " <span class=\"badge\">managed by server.yaml</span>" : "") + "</h2>\n"
                + "<dl><dt>Block</dt><dd>" + cidrs(f.block()) + "</dd><dt>Allow</dt><dd>" + cidrs(f.allow())
                + "</dd><dt>Default</dt><dd>" + Format.lower(f.defaultAction()) + "</dd><dt>Used by</dt><dd id=\"used-by-"
                + name + "\">" + usedBy + "</dd></dl>\n"
                + "<p><a id=\"edit-filter-" + name + "\" href=\"/ip-filters/" + name + "/edit\">Edit</a> "
                + "<a id=\"delete-filter-" + name + "\" href=\"/ip-filters/" + name + "/delete\">Delete</a></p>\n"
                + "<form class=\"test\" method=\"post\" action=\"/ip-filters/" + name + "/test\">" + Layout.csrf(session)
                + "<label for=\"test-address-" + name + "\">Test an address</label> <input id=\"test-address-" + name
                + "\" name=\"address\" placeholder=\"198.51.100.7\" value=\""
                + Html.esc(test.map(TestResult::address).orElse("")) + "\"> <button type=\"submit\" id=\"test-" + name
                + "\" class=\"secondary\">Test</button></form>\n" + test.map(t -> result(name, t)).orElse("")
                + "</section>\n";
    }

    /** {@code test-result-NAME} with class allow or block, or {@code error-test-NAME}. */
    private static String result(String name, TestResult t) {
        if (t.error().isPresent()) {
            return "<p class=\"error\" id=\"error-test-" + name + "\" role=\"alert\">" + Html.esc(t.error().get())
                    + "</p>\n";
        }
        IpFilter.Decision d = t.decision().orElseThrow();
        String action = Format.lower(d.action());
        return "<p class=\"decision " + action + "\" id=\"test-result-" + name + "\"><strong>" + action + "</strong> "
                + Html.esc(t.address()) + ": " + Html.esc(d.reason()) + "</p>\n";
    }

    private static String cidrs(List<?> rules) {
        return rules.isEmpty() ? "<span class=\"muted\">none</span>"
                : rules.stream().map(r -> "<code>" + Html.esc(r) + "</code>").collect(Collectors.joining(" "));
    }
}
