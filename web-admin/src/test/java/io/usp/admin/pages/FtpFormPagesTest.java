package io.usp.admin.pages;

import static io.usp.admin.pages.PagesServer.fields;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.PortRange;
import io.usp.deployments.route.FtpRoute;
import io.usp.deployments.route.FtpSettings;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The deployment form with mode ftp: its fields saved as the YAML keys, kept through an edit, errors at their input. */
class FtpFormPagesTest extends WithPages {

    private static Map<String, String> ftp() {
        return fields("name", "files", "listener.bind", "127.0.0.1", "listener.port", "2121",
                "ipFilter.mode", "none", "mode", "ftp", "target.host", "ftp.internal", "target.port", "21",
                "client", "agent-a", "dnsOverrides", "", "idleTimeout", "1h", "startMode", "auto", "enabled", "true",
                "ftp.passivePorts", "30000-30099", "ftp.publicAddress", "203.0.113.10", "ftp.tls", "explicit",
                "ftp.certificate.cert", "/etc/usp/ftp.crt", "ftp.certificate.key", "/etc/usp/ftp.key",
                "ftp.readOnly", "true", "ftp.denyCommands", "site, mdtm");
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
        HttpResponse<String> refused = admin.submit("/deployments", form);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(PageText.byId(refused.body(), "error-ftp-passivePorts")).contains("is required");
        assertThat(PageText.inputValue(refused.body(), "ftp.publicAddress")).as("kept as typed").isEqualTo("203.0.113.10");
        assertThat(admin.database.deployments().deployments()).isEmpty();
    }
}
