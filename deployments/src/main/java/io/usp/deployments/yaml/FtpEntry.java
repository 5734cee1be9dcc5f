package io.usp.deployments.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.PortRange;
import io.usp.deployments.route.FtpSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** The {@code ftp} object of a {@code mode: ftp} deployment; errors name {@code ftp.field}. */
final class FtpEntry {

    private FtpEntry() {
    }

    record Yaml(String passivePorts, String publicAddress, String tls, CertificateYaml certificate, Boolean readOnly,
                List<String> denyCommands) {
    }

    record CertificateYaml(String cert, String key) {
    }

    static FtpSettings read(Entry e, JsonNode node) {
        Yaml y = e.convert(e.require("ftp", node), Yaml.class, "ftp");
        PortRange ports = e.check("ftp.passivePorts", () -> PortRange.parse(e.require("ftp.passivePorts",
                y.passivePorts())));
        FtpSettings.Tls tls = y.tls() == null ? FtpSettings.Tls.OFF : e.check("ftp.tls", () -> FtpSettings.Tls.parse(y.tls()));
        Optional<FtpSettings.Certificate> certificate = Optional.ofNullable(y.certificate()).map(c ->
                new FtpSettings.Certificate(e.require("ftp.certificate.cert", c.cert()),
                        e.require("ftp.certificate.key", c.key())));
        List<String> denied = e.list("ftp.denyCommands", y.denyCommands(), c -> c);
        return e.check("ftp", () -> new FtpSettings(ports, Optional.ofNullable(y.publicAddress()), tls, certificate,
                Boolean.TRUE.equals(y.readOnly()), new LinkedHashSet<>(denied)));
    }

    static ObjectNode write(FtpSettings s) {
        ObjectNode out = StrictYaml.MAPPER.createObjectNode();
        out.put("passivePorts", s.passivePorts().toString());
        s.publicAddress().ifPresent(a -> out.put("publicAddress", a));
        if (s.tls() != FtpSettings.Tls.OFF) {
            out.put("tls", s.tls().label());
        }
        s.certificate().ifPresent(c -> out.putObject("certificate").put("cert", c.cert()).put("key", c.key()));
        if (s.readOnly()) {
            out.put("readOnly", true);
        }
        if (!s.deniedCommands().isEmpty()) {
            s.deniedCommands().stream().sorted().forEach(out.putArray("denyCommands")::add);
        }
        return out;
    }
}
