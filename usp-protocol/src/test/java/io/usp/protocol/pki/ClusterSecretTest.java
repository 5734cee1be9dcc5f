package io.usp.protocol.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClusterSecretTest {

    private static byte[] secret(int fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }

    @Test
    void whatIsSealedOpensWithTheSameSecretOnlyAndUnaltered() throws Exception {
        byte[] key = "the CA's PKCS#8 key".getBytes(StandardCharsets.UTF_8);
        String sealed = ClusterSecret.of(secret(1)).seal(key);
        assertThat(sealed).startsWith("v1:").doesNotContain("CA's");
        assertThat(ClusterSecret.of(secret(1)).open(sealed)).isEqualTo(key);
        assertThat(ClusterSecret.of(secret(1)).seal(key)).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThatThrownBy(() -> ClusterSecret.of(secret(2)).open(sealed)).isInstanceOf(GeneralSecurityException.class);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length / 2] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> ClusterSecret.of(secret(1)).open(altered)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> ClusterSecret.of(new byte[31])).hasMessageContaining("needs at least 32");
    }
}
