package io.usp.admin.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.route.FtpSettings;
import java.util.List;
import java.util.Map;

/** The {@code ftp} part of the deployment form, for mode ftp: each input named as its YAML field. */
final class FtpForm {

    static final List<String> INPUTS = List.of("ftp.passivePorts", "ftp.publicAddress", "ftp.tls",
            "ftp.certificate.cert", "ftp.certificate.key", "ftp.readOnly", "ftp.denyCommands");

    private FtpForm() {
    }

    static String render(FormFields form) {
        return "<fieldset><legend>FTP session break (mode ftp)</legend>\n"
                + form.text("Passive ports", "ftp.passivePorts", "", "DMZ ports for partners' data connections, "
                        + "e.g. 30000-30099")
                + form.text("Public address", "ftp.publicAddress", "", "put in PASV replies; blank: the address the"
                        + " partner reached")
                + form.select("TLS toward partners", "ftp.tls", List.of(new String[] {"off", "off"},
                        new String[] {"explicit", "explicit (AUTH TLS)"}, new String[] {"implicit", "implicit"}), null)
                + form.text("Certificate file", "ftp.certificate.cert", "", "PEM, for explicit or implicit TLS")
                + form.text("Key file", "ftp.certificate.key", "", "PEM")
                + form.checkbox("Read-only (refuse STOR, DELE, RNFR, MKD, RMD, SITE ...)", "ftp.readOnly")
                + form.text("Denied commands", "ftp.denyCommands", "", "more commands refused with 550, e.g. SITE CHMOD")
                + "</fieldset>\n";
    }

    static void fill(FtpSettings s, Map<String, String> values) {
        values.put("ftp.passivePorts", s.passivePorts().toString());
        values.put("ftp.publicAddress", s.publicAddress().orElse(""));
        values.put("ftp.tls", s.tls().label());
        values.put("ftp.certificate.cert", s.certificate().map(FtpSettings.Certificate::cert).orElse(""));
        values.put("ftp.certificate.key", s.certificate().map(FtpSettings.Certificate::key).orElse(""));
        if (s.readOnly()) {
            values.put("ftp.readOnly", "true");
        }
        values.put("ftp.denyCommands", String.join(" ", s.deniedCommands().stream().sorted().toList()));
    }

    /** The {@code ftp} object of the entry; only for mode ftp, or when something was typed (then refused by name). */
    static void entry(FormFields form, ObjectNode entry, boolean ftpMode) {
        boolean typed = INPUTS.stream().filter(i -> !i.equals("ftp.tls")).anyMatch(form::present)
                || !form.value("ftp.tls").strip().matches("|off");
        if (!ftpMode && !typed) {
            return;
        }
        ObjectNode ftp = entry.putObject("ftp");
        EntryNodes.text(ftp, "passivePorts", form, "ftp.passivePorts");
        EntryNodes.text(ftp, "publicAddress", form, "ftp.publicAddress");
        EntryNodes.text(ftp, "tls", form, "ftp.tls");
        if (form.present("ftp.certificate.cert") || form.present("ftp.certificate.key")) {
            ObjectNode certificate = ftp.putObject("certificate");
            EntryNodes.text(certificate, "cert", form, "ftp.certificate.cert");
            EntryNodes.text(certificate, "key", form, "ftp.certificate.key");
        }
        if (form.present("ftp.readOnly")) {
            ftp.put("readOnly", true);
        }
        if (form.present("ftp.denyCommands")) {
            form.value("ftp.denyCommands").strip().lines().flatMap(l -> List.of(l.split("[\\s,]+")).stream())
                    .filter(c -> !c.isEmpty()).forEach(ftp.putArray("denyCommands")::add);
        }
    }
}
