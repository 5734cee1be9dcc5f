package io.usp.protocol.enroll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EnrollmentTokenTest {

    private static final String FINGERPRINT = "ab".repeat(32);

    @Test
    void aGeneratedTokenSurvivesEncodingAndParsing() {
        EnrollmentToken token = EnrollmentToken.generate("usp.example.net", 7443, FINGERPRINT);

        String text = token.encode();
        EnrollmentToken parsed = EnrollmentToken.parse("  " + text + "\n");

        assertThat(text).startsWith("usp1.").doesNotContain("=", "+", "/");
        assertThat(parsed).isEqualTo(token);
        assertThat(parsed.secretHash()).isEqualTo(EnrollmentToken.hashSecret(token.secret())).hasSize(64);
        assertThat(EnrollmentToken.generate("h", 1, FINGERPRINT).secret()).isNotEqualTo(token.secret());
    }

    @Test
    void theJsonInsideHasTheDocumentedShape() {
        EnrollmentToken token = EnrollmentToken.generate("127.0.0.1", 7443, FINGERPRINT);

        String json = new String(Base64.getUrlDecoder().decode(token.encode().substring(5)), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"server\":\"127.0.0.1:7443\",\"ca\":\"" + FINGERPRINT + "\",\"secret\":\""
                + token.secret() + "\"}");
    }

    @Test
    void anIpv6ServerIsBracketed() {
        EnrollmentToken token = EnrollmentToken.generate("::1", 7443, FINGERPRINT);

        EnrollmentToken parsed = EnrollmentToken.parse(token.encode());

        assertThat(parsed.host()).isEqualTo("::1");
        assertThat(parsed.port()).isEqualTo(7443);
    }

    @Test
    void theSecretIsNeverPrinted() {
        EnrollmentToken token = EnrollmentToken.generate("h", 7443, FINGERPRINT);

        assertThat(token.toString()).doesNotContain(token.secret()).contains("MASKED");
        assertThat(new EnrollMessages.EnrollRequest(token.secret(), "csr").toString()).doesNotContain(token.secret());
    }

    @Test
    void damagedTokensAreRefusedWithAReason() {
        String good = EnrollmentToken.generate("h", 7443, FINGERPRINT).encode();

        assertThatThrownBy(() -> EnrollmentToken.parse("usp2." + good.substring(5)))
                .hasMessageContaining("must start with 'usp1.'");
        assertThatThrownBy(() -> EnrollmentToken.parse(good.substring(0, good.length() - 7) + "!!!"))
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> EnrollmentToken.parse(good.substring(0, 40)))
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> EnrollmentToken.parse(encode("{\"server\":\"h:1\",\"ca\":\"" + FINGERPRINT
                + "\",\"secret\":\"" + "A".repeat(43) + "\",\"extra\":1}")))
                .hasMessageContaining("damaged");
        assertThatThrownBy(() -> EnrollmentToken.parse(encode("{\"server\":\"h\",\"ca\":\"" + FINGERPRINT
                + "\",\"secret\":\"" + "A".repeat(43) + "\"}")))
                .hasMessageContaining("not host:port");
        assertThatThrownBy(() -> EnrollmentToken.parse(encode("{\"server\":\"h:1\",\"ca\":\"abc\",\"secret\":\""
                + "A".repeat(43) + "\"}")))
                .hasMessageContaining("SHA-256 fingerprint");
        assertThatThrownBy(() -> EnrollmentToken.parse(encode("{\"server\":\"h:1\",\"ca\":\"" + FINGERPRINT
                + "\",\"secret\":\"c2hvcnQ\"}")))
                .hasMessageContaining("32 bytes");
    }

    @Test
    void aSecretOfTheWrongShapeHasNoHash() {
        assertThatThrownBy(() -> EnrollmentToken.hashSecret("not base64url!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnrollmentToken.hashSecret(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String encode(String json) {
        return "usp1." + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
