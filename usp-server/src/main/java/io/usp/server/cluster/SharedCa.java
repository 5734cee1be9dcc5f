package io.usp.server.cluster;

import io.usp.deployments.store.ClusterCaStore;
import io.usp.protocol.pki.CertificateAuthority;
import io.usp.protocol.pki.ClusterSecret;
import io.usp.protocol.pki.Pem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * The one CA of the servers sharing a database, so that a certificate issued through any of them
 * is trusted by all. The first server offers its own (made or found in its data folder), with
 * the key sealed by the cluster secret; every server then takes the stored one.
 */
public final class SharedCa {

    private SharedCa() {
    }

    public static CertificateAuthority open(Path dataDir, ClusterCaStore store, ClusterSecret secret, Clock clock)
            throws IOException {
        Optional<ClusterCaStore.StoredCa> stored = store.ca();
        if (stored.isEmpty()) {
            CertificateAuthority local = CertificateAuthority.loadOrCreate(dataDir, clock);
            store.offer(Pem.encode(local.certificate()), local.sealedKey(secret), clock.instant());
            stored = store.ca();
        }
        ClusterCaStore.StoredCa ca = stored.orElseThrow(() -> new IOException("the shared database holds no CA after"
                + " this server offered its own"));
        return CertificateAuthority.adopt(dataDir, Pem.decodeCertificate(ca.certificate()), ca.sealedKey(), secret,
                clock);
    }
}
