package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.PortRange;
import io.usp.deployments.route.FtpRoute;
import io.usp.deployments.route.FtpSettings;
import io.usp.deployments.route.TargetTls;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The deployment form with mode ftp: its fields saved as the YAML keys (target.tls and target.ca
 * too), kept through an edit, errors at their input.
 */
class FtpFormPagesTest extends WithPages {

    private static Map<String, String> ftp() {
        return fields("name", "files", "listener.bind", "127.0.0.1", "listener.port", "2121",
                "ipFilter.mode", "none", "mode", "ftp", "target.host", "ftp.internal", "target.port", "21",
                "client", "agent-a", "dnsOverrides", "", "idleTimeout", "1h", "startMode", "auto", "enabled", "true",
                "ftp.passivePorts", "30000-30099", "ftp.publicAddress", "203.0.113.10", "ftp.tls", "explicit",
                "ftp.certificate.cert", "/etc/usp/ftp.crt", "ftp.certificate.key", "/etc/usp/ftp.key",
                "ftp.readOnly", "true", "ftp.denyCommands", "site, mdtm");
    }

    /** {@link #ftp()} with FTPS toward the target as typed. */
    private static Map<String, String> ftp(String targetTls, String targetCa) {
        Map<String, String> form = ftp();
        form.put("target.tls", targetTls);
        form.put("target.ca", targetCa);
        return form;
    }

    /** The page of a new deployment's form refused: nothing stored. */
    private String refused(Map<String, String> form) {
        HttpResponse<String> refused = admin.submit("/deployments", form);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(admin.database.deployments().deployments()).isEmpty();
        return refused.body();
    }

    @Test
    void anFtpDeploymentIsSavedAndAnEditKeepsIt() {
        HttpResponse<String> created = admin.submit("/deployments", ftp());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        FtpRoute saved = (FtpRoute) admin.database.deployments().deployment("files").orElseThrow().deployment().route();
        assertThat(saved.target().authority()).isEqualTo("ftp.internal:21");
        assertThat(saved.client()).contains("agent-a");
        assertThat(saved.ftp()).isEqualTo(new FtpSettings(new PortRange(30000, 30099), Optional.of("203.0.113.10"),
                FtpSettings.Tls.EXPLICIT, Optional.of(new FtpSettings.Certificate("/etc/usp/ftp.crt", "/etc/usp/ftp.key")),
                true, Set.of("SITE", "MDTM")));

        String edit = admin.get("/deployments/files/edit").body();
        assertThat(PageText.selected(edit, "mode")).isEqualTo("ftp");
        assertThat(PageText.inputValue(edit, "ftp.passivePorts")).isEqualTo("30000-30099");
        Map<String, String> again = PageText.formValues(edit, "deployment-form");
        again.put("listener.port", "2122");
        assertThat(admin.submit("/deployments/files/edit", again).statusCode()).isEqualTo(303);
        var after = admin.database.deployments().deployment("files").orElseThrow().deployment();
        assertThat(after.listener().port()).isEqualTo(2122);
        assertThat(after.route()).as("ftp settings kept").isEqualTo(saved);

        String page = admin.get("/deployments/files").body();
        assertThat(PageText.byId(page, "passive-ports")).contains("30000-30099", "203.0.113.10");
    }

    @Test
    void aMissingPassiveRangeIsShownAtItsInput() {
        Map<String, String> form = ftp();
        form.put("ftp.passivePorts", "");
        String refused = refused(form);
        assertThat(PageText.byId(refused, "error-ftp-passivePorts")).contains("is required");
        assertThat(PageText.inputValue(refused, "ftp.publicAddress")).as("kept as typed").isEqualTo("203.0.113.10");
    }

    @Test
    void ftpsTowardTheTargetIsSavedShownAndKeptThroughAnEdit() {
        HttpResponse<String> created = admin.submit("/deployments", ftp("explicit", " /etc/usp/internal-ca.pem "));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        FtpRoute saved = (FtpRoute) admin.database.deployments().deployment("files").orElseThrow().deployment().route();
        assertThat(saved.targetTls())
                .isEqualTo(new TargetTls(FtpSettings.Tls.EXPLICIT, Optional.of("/etc/usp/internal-ca.pem")));
        assertThat(saved.ftp().tls()).as("partner side on its own").isEqualTo(FtpSettings.Tls.EXPLICIT);

        String edit = admin.get("/deployments/files/edit").body();
        assertThat(PageText.selected(edit, "target.tls")).isEqualTo("explicit");
        assertThat(PageText.inputValue(edit, "target.ca")).isEqualTo("/etc/usp/internal-ca.pem");
        Map<String, String> again = PageText.formValues(edit, "deployment-form");
        again.put("target.tls", "implicit");
        again.put("target.ca", "");
        assertThat(admin.submit("/deployments/files/edit", again).statusCode()).isEqualTo(303);
        FtpRoute after = (FtpRoute) admin.database.deployments().deployment("files").orElseThrow().deployment().route();
        assertThat(after.targetTls()).isEqualTo(new TargetTls(FtpSettings.Tls.IMPLICIT, Optional.empty()));

        assertThat(PageText.byId(admin.get("/deployments/files").body(), "target-tls")).contains("implicit");
    }

    @Test
    void aTargetCaWithoutTargetTlsIsShownAtItsInput() {
        String refused = refused(ftp("off", "/etc/usp/internal-ca.pem"));
        assertThat(PageText.byId(refused, "error-target-ca")).contains("only for tls explicit or implicit");
    }

    @Test
    void aTcpDeploymentRefusesTargetTlsByNameAndSavesWithItOff() {
        Map<String, String> tcp = fields("name", "ssh", "listener.bind", "127.0.0.1", "listener.port", "10022",
                "ipFilter.mode", "none", "mode", "tcp", "target.host", "db.internal", "target.port", "22",
                "client", "", "idleTimeout", "30m", "startMode", "auto", "enabled", "true",
                "ftp.tls", "off", "target.tls", "explicit", "target.ca", "");
        String refused = refused(tcp);
        assertThat(PageText.byId(refused, "error-target-tls")).contains("is only for mode ftp");
        assertThat(PageText.selected(refused, "target.tls")).as("kept as typed").isEqualTo("explicit");

        tcp.put("target.tls", "off");
        HttpResponse<String> created = admin.submit("/deployments", tcp);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(admin.database.deployments().deployment("ssh")).isPresent();
    }
}
