package io.usp.admin.pages;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.usp.deployments.route.FtpRoute;
import io.usp.deployments.route.FtpSettings;
import io.usp.deployments.route.TargetTls;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The mode ftp part of the deployment form: each input named as its YAML field, the {@code ftp}
 * object's and {@code target.tls}, {@code target.ca} (FTPS toward the target, in the entry's
 * {@code target}).
 */
final class FtpForm {

    private static final List<String> FTP = List.of("ftp.passivePorts", "ftp.publicAddress", "ftp.tls",
            "ftp.certificate.cert", "ftp.certificate.key", "ftp.readOnly", "ftp.denyCommands");
    private static final List<String> TARGET = List.of("target.tls", "target.ca");

    static final List<String> INPUTS = Stream.concat(FTP.stream(), TARGET.stream()).toList();

    private static final List<String[]> TLS_MODES = List.of(new String[] {"off", "off"},
            new String[] {"explicit", "explicit (AUTH TLS)"}, new String[] {"implicit", "implicit"});

    private FtpForm() {
    }

    static String render(FormFields form) {
        return "<fieldset><legend>FTP session break (mode ftp)</legend>\n"
                + form.text("Passive ports", "ftp.passivePorts", "", "DMZ ports for partners' data connections, "
                        + "e.g. 30000-30099")
                + form.text("Public address", "ftp.publicAddress", "", "put in PASV replies; blank: the address the"
                        + " partner reached")
                + form.select("TLS toward partners", "ftp.tls", TLS_MODES, null)
                + form.text("Certificate file", "ftp.certificate.cert", "", "PEM, for explicit or implicit TLS")
                + form.text("Key file", "ftp.certificate.key", "", "PEM")
                + form.checkbox("Read-only (refuse STOR, DELE, RNFR, MKD, RMD, SITE ...)", "ftp.readOnly")
                + form.text("Denied commands", "ftp.denyCommands", "", "more commands refused with 550, e.g. SITE CHMOD")
                + form.select("FTPS toward the target", "target.tls", TLS_MODES, "the target's certificate must name"
                        + " the target host")
                + form.text("Target CA file", "target.ca", "", "PEM file of the CAs trusted for the target's"
                        + " certificate; blank: the JVM's trusted CAs")
                + "</fieldset>\n";
    }

    static void fill(FtpRoute route, Map<String, String> values) {
        FtpSettings s = route.ftp();
        values.put("ftp.passivePorts", s.passivePorts().toString());
        values.put("ftp.publicAddress", s.publicAddress().orElse(""));
        values.put("ftp.tls", s.tls().label());
        values.put("ftp.certificate.cert", s.certificate().map(FtpSettings.Certificate::cert).orElse(""));
        values.put("ftp.certificate.key", s.certificate().map(FtpSettings.Certificate::key).orElse(""));
        if (s.readOnly()) {
            values.put("ftp.readOnly", "true");
        }
        values.put("ftp.denyCommands", String.join(" ", s.deniedCommands().stream().sorted().toList()));
        TargetTls target = route.targetTls();
        values.put("target.tls", target.mode().label());
        values.put("target.ca", target.ca().orElse(""));
    }

    /** The {@code ftp} object of the entry; only for mode ftp, or when something was typed (then refused by name). */
    static void entry(FormFields form, ObjectNode entry, boolean ftpMode) {
        if (!ftpMode && !typed(form, FTP, "ftp.tls")) {
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

    /** Whether {@code target.tls} is other than off or {@code target.ca} is typed: then the entry has a target. */
    static boolean targetTyped(FormFields form) {
        return typed(form, TARGET, "target.tls");
    }

    /**
     * Puts {@code tls} and {@code ca} into the entry's {@code target} when typed, whatever the mode:
     * off with no CA puts nothing (a tcp deployment's form sends them so), anything else reaches the
     * reader, which refuses it by name on a mode other than ftp.
     */
    static void target(FormFields form, ObjectNode target) {
        if (targetTyped(form)) {
            EntryNodes.text(target, "tls", form, "target.tls");
            EntryNodes.text(target, "ca", form, "target.ca");
        }
    }

    /** Whether any of {@code inputs} is filled in, the select {@code tls} counting only when other than off. */
    private static boolean typed(FormFields form, List<String> inputs, String tls) {
        return inputs.stream().filter(i -> !i.equals(tls)).anyMatch(form::present)
                || !form.value(tls).strip().matches("|off");
    }
}
