package io.usp.admin.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.Names;
import io.usp.deployments.route.Mode;
import io.usp.deployments.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The route part of the deployment form: {@code mode}, then {@code target} (tcp, ftp) or the rules
 * editor's {@link RuleRows} and {@code dnsOverrides} (connect, socks5), {@link FtpForm} (ftp, with
 * {@code target.tls} and {@code target.ca}), and {@code client} for all. Fields that do not fit the mode are passed
 * on when filled in, so the reader refuses them by name rather than the form dropping what was typed.
 */
final class RouteForm {

    static final String MODE = "mode";
    /** Where an error about the rules as a whole is shown. */
    static final String RULES = "rules";
    /** One {@code name = destination} per line. */
    static final String DNS_OVERRIDES = "dnsOverrides";

    static final List<String> INPUTS = Stream.concat(Stream.of(MODE, "target.host", "target.port", "client",
            DNS_OVERRIDES), FtpForm.INPUTS.stream()).toList();

    private RouteForm() {
    }

    static void fill(Route route, Map<String, String> values) {
        values.put(MODE, route.mode().label());
        route.fold(fixed -> {
            values.put("target.host", fixed.target().host());
            values.put("target.port", Integer.toString(fixed.target().port()));
            return values.put("client", fixed.client().orElse(""));
        }, collection -> {
            values.put("client", collection.client().orElse(""));
            RuleRows.of(collection.rules()).put(values);
            return values.put(DNS_OVERRIDES, collection.dnsOverrides().names().entrySet().stream()
                    .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("\n")));
        }, ftp -> {
            values.put("target.host", ftp.target().host());
            values.put("target.port", Integer.toString(ftp.target().port()));
            FtpForm.fill(ftp, values);
            return values.put("client", ftp.client().orElse(""));
        });
    }

    /** Every input an error can be shown next to: the fixed ones, {@link #RULES} and each rule row's. */
    static List<String> inputs(FormFields form) {
        List<String> out = new ArrayList<>(INPUTS);
        out.add(RULES);
        int rows = RuleRows.in(form).size();
        for (int i = 0; i < rows; i++) {
            for (String column : RuleRows.COLUMNS) {
                out.add(RuleRows.input(i, column));
            }
        }
        return out;
    }

    /** Puts the route's fields into {@code entry}; a DNS override line that is not {@code name = destination} is an error on {@code form}. */
    static void entry(FormFields form, ObjectNode entry) {
        EntryNodes.text(entry, "mode", form, MODE);
        String mode = form.value(MODE).strip();
        boolean collection = mode.equals(Mode.CONNECT.label()) || mode.equals(Mode.SOCKS5.label());
        if (!collection || form.present("target.host") || form.present("target.port") || FtpForm.targetTyped(form)) {
            ObjectNode target = entry.putObject("target");
            EntryNodes.text(target, "host", form, "target.host");
            EntryNodes.number(target, "port", form, "target.port");
            FtpForm.target(form, target);
        }
        EntryNodes.text(entry, "client", form, "client");
        RuleRows rows = RuleRows.in(form);
        if (collection || !rows.isEmpty()) {
            entry.set("rules", rows.entry());
        }
        if (form.present(DNS_OVERRIDES)) {
            entry.set("dnsOverrides", dnsOverrides(form));
        }
        FtpForm.entry(form, entry, mode.equals(Mode.FTP.label()));
    }

    private static ObjectNode dnsOverrides(FormFields form) {
        ObjectNode out = EntryNodes.object();
        List<String> lines = form.value(DNS_OVERRIDES).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? "" : line.substring(0, equals).strip();
            String destination = equals < 0 ? "" : line.substring(equals + 1).strip();
            if (name.isEmpty() || destination.isEmpty()) {
                form.error(DNS_OVERRIDES, "line " + (i + 1) + ": '" + Names.shortened(line)
                        + "' is not name = destination");
            } else if (out.has(name)) {
                form.error(DNS_OVERRIDES, "line " + (i + 1) + ": '" + Names.shortened(name) + "' is overridden twice");
            } else {
                out.put(name, destination);
            }
        }
        return out;
    }
}
