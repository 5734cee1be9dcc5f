package io.usp.admin.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.usp.deployments.FilterAction;
import io.usp.deployments.NamedIpFilter;
import io.usp.deployments.store.StoreException;
import io.usp.deployments.yaml.ConfigException;
import io.usp.deployments.yaml.IpFilterEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The named IP filter form: inputs named like an {@code ipFilters:} entry, validated by {@link IpFilterEntry#read}. */
final class IpFilterForm {

    static final List<String> INPUTS = List.of("name", "block", "allow", "defaultAction");

    private IpFilterForm() {
    }

    static FormFields blank() {
        return new FormFields(Map.of("defaultAction", "block"));
    }

    static FormFields of(NamedIpFilter f) {
        return new FormFields(Map.of("name", f.name(), "block", lines(f.filter().block()),
                "allow", lines(f.filter().allow()),
                "defaultAction", f.filter().defaultAction() == FilterAction.ALLOW ? "allow" : "block"));
    }

    static FormFields submitted(Context ctx) {
        return FormFields.submitted(ctx, INPUTS);
    }

    /** The filter the form describes, or empty with the errors added to {@code form}. */
    static Optional<NamedIpFilter> parse(FormFields form) {
        ObjectNode entry = EntryNodes.object();
        EntryNodes.text(entry, "name", form, "name");
        EntryNodes.lines(entry, "block", form, "block");
        EntryNodes.lines(entry, "allow", form, "allow");
        EntryNodes.text(entry, "defaultAction", form, "defaultAction");
        try {
            return Optional.of(IpFilterEntry.readBody(entry));
        } catch (ConfigException e) {
            FieldErrors.add(form, e, Set.copyOf(INPUTS), Map.of());
            return Optional.empty();
        }
    }

    static void addError(FormFields form, StoreException e) {
        FieldErrors.add(form, e, Set.copyOf(INPUTS), Map.of());
    }

    private static String lines(List<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.joining("\n"));
    }
}
