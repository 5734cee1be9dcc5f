package io.usp.admin.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAsAnArgon2idPhcString() {
        String hash = hasher.hash("s3cret");
        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.verify("s3cret", hash)).isTrue();
        assertThat(hasher.verify("s3cret!", hash)).isFalse();
        assertThat(hasher.hash("s3cret")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void verifiesWithTheCostStoredInTheHash() {
        String cheap = new PasswordHasher(new PasswordHasher.Cost(1024, 1, 1)).hash("pw");
        assertThat(hasher.verify("pw", cheap)).isTrue();
    }

    @Test
    void refusesAHashItCannotRead() {
        assertThatThrownBy(() -> hasher.verify("pw", "$2a$10$bcrypt"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("argon2id");
    }
}
