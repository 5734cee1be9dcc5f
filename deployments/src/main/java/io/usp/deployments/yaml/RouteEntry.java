package io.usp.deployments.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.Names;
import io.usp.deployments.Ports;
import io.usp.deployments.Target;
import io.usp.deployments.route.CollectionRoute;
import io.usp.deployments.route.DnsOverrides;
import io.usp.deployments.route.FixedRoute;
import io.usp.deployments.route.FtpRoute;
import io.usp.deployments.route.FtpSettings;
import io.usp.deployments.route.Mode;
import io.usp.deployments.route.Route;
import io.usp.deployments.route.Rule;
import io.usp.deployments.route.TargetTls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A deployment's route as written in its entry: {@code mode} ({@code tcp} when absent) with
 * {@code target}, {@code ftp} with {@code target} and {@code ftp}, or {@code connect}/{@code socks5}
 * with {@code rules} and {@code dnsOverrides}; {@code client} in all.
 */
public final class RouteEntry {

    private RouteEntry() {
    }

    /** The route fields of one deployment entry, as Jackson binds them. */
    record Yaml(String mode, TargetYaml target, String client, List<JsonNode> rules, Map<String, String> dnsOverrides,
                JsonNode ftp) {
    }

    /** {@code tls} and {@code ca} only for mode ftp: the session break's own FTPS toward the target. */
    record TargetYaml(String host, Integer port, String tls, String ca) {
    }

    /** Reads route fields kept together as one object (how the store keeps them); errors name the field. */
    public static Route read(JsonNode fields) {
        Entry e = StrictYaml.body();
        return read(e, e.convert(fields, Yaml.class));
    }

    /** The route's fields as one object that {@link #read(JsonNode)} reads back. */
    public static ObjectNode write(Route route) {
        ObjectNode out = StrictYaml.MAPPER.createObjectNode();
        write(route, out);
        return out;
    }

    static Route read(Entry e, Yaml y) {
        Mode mode = y.mode() == null ? Mode.TCP : e.check("mode", () -> Mode.parse(y.mode()));
        Optional<String> client = Optional.ofNullable(y.client());
        client.ifPresent(c -> e.check("client", () -> Names.require(c, "client")));
        if (!mode.collection()) {
            if (y.rules() != null) {
                throw e.error("rules", "is only for a collection (mode connect or socks5); this deployment is mode "
                        + mode.label());
            }
            if (y.dnsOverrides() != null) {
                throw e.error("dnsOverrides", "is only for a collection (mode connect or socks5); this deployment is mode "
                        + mode.label());
            }
            Target target = target(e, e.require("target", y.target()));
            if (mode == Mode.FTP) {
                return new FtpRoute(target, client, FtpEntry.read(e, y.ftp()), targetTls(e, y.target()));
            }
            if (y.target().tls() != null || y.target().ca() != null) {
                throw e.error(y.target().tls() != null ? "target.tls" : "target.ca", "is only for mode ftp: a tcp"
                        + " deployment relays the partner's own bytes, TLS or not");
            }
            if (y.ftp() != null) {
                throw e.error("ftp", "is only for mode ftp; this deployment is mode tcp");
            }
            return new FixedRoute(target, client);
        }
        if (y.ftp() != null) {
            throw e.error("ftp", "is only for mode ftp; this deployment is mode " + mode.label());
        }
        if (y.target() != null) {
            throw e.error("target", "a " + mode.label() + " collection has no fixed target: its partners name"
                    + " the destination and its rules decide it");
        }
        List<Rule> rules = new ArrayList<>();
        List<JsonNode> written = y.rules() == null ? List.of() : y.rules();
        for (int i = 0; i < written.size(); i++) {
            rules.add(RuleEntry.read(e, written.get(i), i, client));
        }
        DnsOverrides overrides = y.dnsOverrides() == null ? DnsOverrides.NONE : dnsOverrides(e, y.dnsOverrides());
        return e.check(null, () -> new CollectionRoute(mode, rules, overrides, client));
    }

    /** Writes the route's fields into a deployment entry {@code out}. */
    static void write(Route route, ObjectNode out) {
        route.fold(f -> {
            out.putObject("target").put("host", f.target().host()).put("port", f.target().port());
            f.client().ifPresent(c -> out.put("client", c));
            return out;
        }, c -> {
            out.put("mode", c.mode().label());
            c.client().ifPresent(name -> out.put("client", name));
            out.set("rules", writeRules(c.rules()));
            if (!c.dnsOverrides().names().isEmpty()) {
                ObjectNode overrides = out.putObject("dnsOverrides");
                c.dnsOverrides().names().forEach(overrides::put);
            }
            return out;
        }, ftp -> {
            out.put("mode", ftp.mode().label());
            ObjectNode target = out.putObject("target").put("host", ftp.target().host()).put("port", ftp.target().port());
            if (ftp.targetTls().on()) {
                target.put("tls", ftp.targetTls().mode().label());
                ftp.targetTls().ca().ifPresent(ca -> target.put("ca", ca));
            }
            ftp.client().ifPresent(c -> out.put("client", c));
            out.set("ftp", FtpEntry.write(ftp.ftp()));
            return out;
        });
    }

    public static ArrayNode writeRules(List<Rule> rules) {
        ArrayNode out = StrictYaml.MAPPER.createArrayNode();
        rules.forEach(r -> out.add(RuleEntry.write(r)));
        return out;
    }

    private static DnsOverrides dnsOverrides(Entry e, Map<String, String> written) {
        Map<String, String> checked = new LinkedHashMap<>();
        written.forEach((from, to) -> {
            String at = "dnsOverrides." + Names.shortened(from);
            e.check(at, () -> new DnsOverrides(Map.of(e.require(at, from), e.require(at, to))));
            checked.put(from, to);
        });
        return e.check("dnsOverrides", () -> new DnsOverrides(checked));
    }

    private static TargetTls targetTls(Entry e, TargetYaml t) {
        FtpSettings.Tls mode = t.tls() == null ? FtpSettings.Tls.OFF
                : e.check("target.tls", () -> FtpSettings.Tls.parse(t.tls()));
        return e.check("target.ca", () -> new TargetTls(mode, Optional.ofNullable(t.ca())));
    }

    private static Target target(Entry e, TargetYaml t) {
        int port = e.check("target.port", () -> Ports.require(e.require("target.port", t.port()), 1));
        return e.check("target.host", () -> new Target(e.require("target.host", t.host()), port));
    }
}
