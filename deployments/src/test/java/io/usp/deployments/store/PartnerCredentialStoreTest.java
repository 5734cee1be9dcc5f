package io.usp.deployments.store;

import static io.usp.deployments.store.DeploymentStoreTest.assertRefused;
import static io.usp.deployments.store.Fixtures.collection;
import static org.assertj.core.api.Assertions.assertThat;

import io.usp.deployments.store.PartnerCredentialStore.PartnerCredential;
import io.usp.deployments.store.StoreException.Kind;
import io.usp.deployments.yaml.DeploymentsFile;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Partner credentials: created, replaced, listed without hashes, deleted, and gone with their deployment. */
class PartnerCredentialStoreTest extends StoreTest {

    private static final Instant T0 = TestClock.START;
    private static final String HASH_1 = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaC1vbmU";
    private static final String HASH_2 = "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaC10d28";

    private Database db;
    private PartnerCredentialStore partners;

    @BeforeEach
    void open() {
        db = database("partners", new TestClock());
        partners = db.partners();
        db.deployments().create(collection("build", 1080), "alice");
        db.deployments().create(collection("lab", 1081), "alice");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCredentialIsCreatedThenItsHashReplaced() {
        assertThat(partners.put("build", "carol", HASH_1, T0)).as("created").isTrue();
        assertThat(partners.put("build", "bob", HASH_1, T0)).isTrue();
        assertThat(partners.put("build", "carol", HASH_2, T0.plusSeconds(5))).as("replaced").isFalse();

        assertThat(partners.list("build")).containsExactly(new PartnerCredential("bob", T0),
                new PartnerCredential("carol", T0.plusSeconds(5)));
        assertThat(partners.passwordHash("build", "carol")).contains(HASH_2);
        assertThat(partners.passwordHash("build", "nobody")).isEmpty();
        assertThat(partners.count("build")).isEqualTo(2);
    }

    @Test
    void eachDeploymentHasItsOwnCredentials() {
        partners.put("build", "carol", HASH_1, T0);

        assertThat(partners.passwordHash("lab", "carol")).isEmpty();
        assertThat(partners.count("lab")).isZero();
        assertThat(partners.list("lab")).isEmpty();
        assertThat(partners.deploymentsWithCredentials()).containsExactly("build");

        partners.put("lab", "carol", HASH_2, T0);
        assertThat(partners.passwordHash("build", "carol")).contains(HASH_1);
        assertThat(partners.deploymentsWithCredentials()).containsExactlyInAnyOrder("build", "lab");
    }

    @Test
    void deletingNeedsTheCredentialToExist() {
        partners.put("build", "carol", HASH_1, T0);

        partners.delete("build", "carol");

        assertThat(partners.list("build")).isEmpty();
        assertThat(partners.deploymentsWithCredentials()).isEmpty();
        assertRefused(() -> partners.delete("build", "carol"), Kind.NOT_FOUND, null,
                "no partner credential 'carol' on deployment 'build'");
    }

    @Test
    void aCredentialNeedsAnExistingDeployment() {
        assertRefused(() -> partners.put("nowhere", "carol", HASH_1, T0), Kind.NOT_FOUND, null,
                "no deployment 'nowhere'");
        assertThat(partners.list("nowhere")).isEmpty();
    }

    @Test
    void credentialsStayThroughAnUpdateAndGoWithTheirDeployment() {
        partners.put("build", "carol", HASH_1, T0);
        db.deployments().update("build", collection("build", 1090), "alice");
        assertThat(partners.count("build")).as("kept through an update").isEqualTo(1);

        db.deployments().delete("build", "alice");
        db.deployments().create(collection("build", 1080), "alice");

        assertThat(partners.list("build")).as("a new deployment of the same name starts without").isEmpty();
        assertThat(partners.passwordHash("build", "carol")).isEmpty();
    }

    @Test
    void anExportCarriesNoCredentialAndAnImportKeepsThem() {
        partners.put("build", "carol", HASH_1, T0);

        DeploymentsFile exported = db.deployments().export();
        db.deployments().upsert(exported, false, "import");

        assertThat(exported.toYaml()).doesNotContain("carol", "argon2");
        assertThat(partners.passwordHash("build", "carol")).contains(HASH_1);
    }

    @Test
    void theStoreAuditsNothingItselfSoTheCallerNamesTheAdmin() {
        int before = db.audit().recent(100).size();
        partners.put("build", "carol", HASH_1, T0);
        partners.delete("build", "carol");

        assertThat(db.audit().recent(100)).hasSize(before);
    }
}
