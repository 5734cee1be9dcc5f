package io.usp.admin.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.usp.deployments.Deployment;
import io.usp.deployments.FilterAction;
import io.usp.deployments.IpFilter;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.yaml.ConfigException;
import io.usp.deployments.yaml.DeploymentEntry;
import io.usp.deployments.yaml.Durations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The deployment form's fields, named like the YAML entry's keys, and the conversion both ways:
 * a stored deployment fills the form; a submitted form becomes an entry that
 * {@link DeploymentEntry#read} validates.
 */
final class DeploymentForm {

    static final String MODE = "ipFilter.mode";
    static final String FILTER_NAME = "ipFilter.name";

    /** The submit button name of the rules editor's steps ({@link RuleRows#apply}); absent for Save. */
    static final String STEP = "op";

    /** The fixed inputs; the rules editor's rows add theirs ({@link RouteForm#inputs}). */
    static final List<String> INPUTS = Stream.concat(Stream.of("name", "listener.bind", "listener.port", MODE,
            FILTER_NAME, "ipFilter.block", "ipFilter.allow", "ipFilter.defaultAction", "limits.maxConnections",
            "limits.maxConnectionsPerIp", "limits.newConnectionsPerSecondPerIp", "idleTimeout", "startMode",
            "enabled"), RouteForm.INPUTS.stream()).toList();

    /** Refusals about the filter as a whole land on the named-filter select or the mode. */
    private static final Map<String, String> ALIASES = Map.of("ipFilter", MODE, "listener", "listener.port",
            "target", "target.host", "limits", "limits.maxConnections", "ftp", "ftp.tls");

    private DeploymentForm() {
    }

    /** The form for a new deployment, with the defaults filled in. */
    static FormFields blank() {
        return new FormFields(Map.of("listener.bind", "0.0.0.0", MODE, "none", "ipFilter.defaultAction", "block",
                RouteForm.MODE, "tcp", "idleTimeout", Durations.format(Deployment.DEFAULT_IDLE_TIMEOUT),
                "startMode", "auto", "enabled", "true"));
    }

    static FormFields of(Deployment d) {
        Map<String, String> v = new HashMap<>();
        v.put("name", d.name());
        v.put("listener.bind", d.listener().bind());
        v.put("listener.port", Integer.toString(d.listener().port()));
        IpFilter filter = d.ipFilter();
        v.put(MODE, d.ipFilterName().isPresent() ? "named" : filter.equals(IpFilter.ALLOW_ALL) ? "none" : "inline");
        v.put(FILTER_NAME, d.ipFilterName().orElse(""));
        boolean inline = d.ipFilterName().isEmpty();
        v.put("ipFilter.block", inline ? lines(filter.block()) : "");
        v.put("ipFilter.allow", inline ? lines(filter.allow()) : "");
        v.put("ipFilter.defaultAction", !inline || filter.defaultAction() == FilterAction.BLOCK ? "block" : "allow");
        d.limits().maxConnections().ifPresent(n -> v.put("limits.maxConnections", Integer.toString(n)));
        d.limits().maxConnectionsPerIp().ifPresent(n -> v.put("limits.maxConnectionsPerIp", Integer.toString(n)));
        d.limits().newConnectionsPerSecondPerIp()
                .ifPresent(n -> v.put("limits.newConnectionsPerSecondPerIp", Integer.toString(n)));
        RouteForm.fill(d.route(), v);
        v.put("idleTimeout", Durations.format(d.idleTimeout()));
        v.put("startMode", d.startMode().label());
        v.put("enabled", Boolean.toString(d.enabled()));
        return new FormFields(v);
    }

    /** What was submitted, as typed. */
    static FormFields submitted(Context ctx) {
        Map<String, String> values = FormFields.posted(ctx, INPUTS);
        RuleRows.submitted(ctx).put(values);
        return new FormFields(values);
    }

    /** The rules editor's step a form was posted with ({@code add}, {@code up:2}...); empty for Save. */
    static Optional<String> step(Context ctx) {
        return Optional.ofNullable(ctx.formParam(STEP)).filter(s -> !s.isBlank());
    }

    /**
     * What was submitted with {@code step} applied to the rules, to show again unsaved; a step
     * that does not fit the rules leaves them as they are and says so above the form.
     */
    static FormFields edited(Context ctx, String step) {
        Map<String, String> values = FormFields.posted(ctx, INPUTS);
        RuleRows rows = RuleRows.submitted(ctx);
        String refused = null;
        try {
            rows = rows.apply(step);
        } catch (IllegalArgumentException e) {
            refused = e.getMessage();
        }
        rows.put(values);
        FormFields form = new FormFields(values);
        if (refused != null) {
            form.error(FormFields.FORM, refused);
        }
        return form;
    }

    /** The deployment the form describes, or empty with the errors added to {@code form}. */
    static Optional<Deployment> parse(FormFields form, Map<String, NamedIpFilter> filters) {
        ObjectNode entry = entry(form);
        if (form.hasErrors()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DeploymentEntry.readBody(entry, filters));
        } catch (ConfigException e) {
            addError(form, e);
            return Optional.empty();
        }
    }

    static void addError(FormFields form, ConfigException e) {
        FieldErrors.add(form, e, inputs(form), aliases(form));
    }

    static void addError(FormFields form, StoreException e) {
        FieldErrors.add(form, e, inputs(form), aliases(form));
    }

    private static Set<String> inputs(FormFields form) {
        return Stream.concat(INPUTS.stream(), RouteForm.inputs(form).stream()).collect(Collectors.toSet());
    }

    private static Map<String, String> aliases(FormFields form) {
        Map<String, String> out = new HashMap<>(ALIASES);
        if ("named".equals(form.value(MODE))) {
            out.put("ipFilter", FILTER_NAME);
        }
        return out;
    }

    private static ObjectNode entry(FormFields form) {
        ObjectNode entry = EntryNodes.object();
        EntryNodes.text(entry, "name", form, "name");
        ObjectNode listener = entry.putObject("listener");
        EntryNodes.text(listener, "bind", form, "listener.bind");
        EntryNodes.number(listener, "port", form, "listener.port");
        switch (form.value(MODE)) {
            case "", "none" -> { }
            case "named" -> {
                if (form.present(FILTER_NAME)) {
                    entry.put("ipFilter", form.value(FILTER_NAME).strip());
                } else {
                    form.error(FILTER_NAME, "choose a named IP filter, or another kind of filter");
                }
            }
            case "inline" -> {
                ObjectNode rules = entry.putObject("ipFilter");
                EntryNodes.lines(rules, "block", form, "ipFilter.block");
                EntryNodes.lines(rules, "allow", form, "ipFilter.allow");
                EntryNodes.text(rules, "defaultAction", form, "ipFilter.defaultAction");
            }
            default -> form.error(MODE, "'" + form.value(MODE) + "' is not one of none, named, inline");
        }
        ObjectNode limits = EntryNodes.object();
        EntryNodes.number(limits, "maxConnections", form, "limits.maxConnections");
        EntryNodes.number(limits, "maxConnectionsPerIp", form, "limits.maxConnectionsPerIp");
        EntryNodes.number(limits, "newConnectionsPerSecondPerIp", form, "limits.newConnectionsPerSecondPerIp");
        if (!limits.isEmpty()) {
            entry.set("limits", limits);
        }
        RouteForm.entry(form, entry);
        EntryNodes.text(entry, "idleTimeout", form, "idleTimeout");
        EntryNodes.text(entry, "startMode", form, "startMode");
        entry.put("enabled", "true".equals(form.value("enabled")));
        return entry;
    }

    private static String lines(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }
}
