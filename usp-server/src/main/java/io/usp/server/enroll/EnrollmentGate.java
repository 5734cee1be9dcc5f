package io.usp.server.enroll;

import io.netty.channel.Channel;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.EnrollmentStore;
import io.usp.protocol.pki.CertificateAuthority;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What the tunnel port needs from enrollment: which client certificates are revoked, and the
 * pipeline for a {@code usp-enroll/1} connection. Enrollment work waits for the store, so it runs
 * on a thread of its own with a short queue; beyond that, clients are told to come back.
 */
public final class EnrollmentGate implements AutoCloseable {

    /** Requests waiting for the enrollment thread; the handshake caps bound them well before this. */
    private static final int QUEUE = 64;

    private final Revocations revocations;
    private final EnrollService service;
    private final ThreadPoolExecutor blocking = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), r -> {
                Thread t = new Thread(r, "usp-enroll");
                t.setDaemon(true);
                return t;
            });

    public EnrollmentGate(EnrollmentStore store, AuditLog audit, CertificateAuthority ca, Revocations revocations,
                          Duration validity, Clock clock) {
        this.revocations = revocations;
        this.service = new EnrollService(store, audit, ca, revocations, validity, clock);
    }

    public Revocations revocations() {
        return revocations;
    }

    /** Turns a connection whose handshake agreed on {@code usp-enroll/1} into an enrollment exchange. */
    public void serve(Channel channel, Optional<X509Certificate> peer) {
        EnrollInitializer.configure(channel.pipeline(), service, blocking, peer);
    }

    @Override
    public void close() {
        blocking.shutdown();
    }
}
