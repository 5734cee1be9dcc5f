package io.usp.admin.partners;

import io.usp.admin.auth.LoginThrottle;
import io.usp.admin.auth.PasswordHasher;
import io.usp.deployments.store.AuditLog;
import io.usp.deployments.store.AuditLog.AuditEntry;
import io.usp.deployments.store.PartnerCredentialStore;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the credentials partners give a collection's front. Which deployments ask for them is
 * kept in memory, since a front asks on its event loop, which must not wait for the store;
 * {@link #reload} re-reads it, and the server calls it whenever it reads the store. A check
 * runs the Argon2id verification on a small bounded pool, throttled like admin logins (by the
 * partner's address, and by deployment and username); an unknown username costs a hash too, so
 * timing tells no name apart.
 */
public final class PartnerLogins implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerLogins.class);
    /** Who the audit log names for a lock: no admin did it. */
    static final String AUDIT_ACTOR = "partner-throttle";
    /** Hashes at once: each takes tens of milliseconds and 19 MiB. */
    static final int THREADS = 2;
    /** Checks waiting for a thread; more are refused at once, not queued without bound. */
    static final int QUEUE = 64;

    /** What a check found; {@code detail} is for the log, never for the partner. */
    public record Outcome(boolean accepted, String detail) {
    }

    private final PartnerCredentialStore store;
    private final AuditLog audit;
    private final Clock clock;
    private final PasswordHasher hasher;
    private final ExecutorService checks;
    private final LoginThrottle throttle;
    private volatile Set<String> required = Set.of();
    // checked when the username is unknown, so a wrong name takes as long as a wrong password
    private String decoyHash;

    PartnerLogins(PartnerCredentialStore store, AuditLog audit, Clock clock, PasswordHasher hasher,
                  ExecutorService checks) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.hasher = hasher;
        this.checks = checks;
        this.throttle = new LoginThrottle(clock);
    }

    /** With the admins' hash cost and a pool of {@value #THREADS} threads and {@value #QUEUE} waiting checks. */
    public static PartnerLogins start(PartnerCredentialStore store, AuditLog audit, Clock clock) {
        return new PartnerLogins(store, audit, clock, new PasswordHasher(), checksPool());
    }

    static ThreadPoolExecutor checksPool() {
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "usp-partner-auth-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Re-reads which deployments have credentials. */
    public void reload() {
        required = store.deploymentsWithCredentials();
    }

    /** Whether the deployment had at least one credential at the last {@link #reload}; never waits. */
    public boolean required(String deployment) {
        return required.contains(deployment);
    }

    /**
     * Completes with the outcome, off the calling thread; at once, without hashing, when the
     * partner's address or this username is locked. Completes exceptionally when the store
     * cannot be read or too many checks wait already.
     */
    public CompletableFuture<Outcome> check(String deployment, String username, String password,
                                            SocketAddress partner) {
        String user = username == null ? "" : username;
        String address = address(partner);
        String key = deployment + "/" + user;
        Optional<LoginThrottle.Lock> lock = throttle.lockOn(key, address);
        if (lock.isPresent()) {
            boolean byAddress = lock.get().scope() == LoginThrottle.Scope.ADDRESS;
            return CompletableFuture.completedFuture(new Outcome(false, "throttled: "
                    + (byAddress ? "address " + address : "this username") + " locked until " + lock.get().until()));
        }
        try {
            return CompletableFuture.supplyAsync(() -> verify(deployment, user, password, address, key), checks);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "too many partner credential checks waiting (" + QUEUE + "), refused unchecked", e));
        }
    }

    private Outcome verify(String deployment, String user, String password, String address, String key) {
        Optional<String> hash = user.isEmpty() ? Optional.empty() : store.passwordHash(deployment, user);
        boolean ok = hasher.verify(password == null ? "" : password, hash.orElseGet(this::decoy)) && hash.isPresent();
        if (ok) {
            throttle.succeeded(key, address);
            return new Outcome(true, "partner user '" + user + "'");
        }
        // a name that matches no partner is not logged: it is often a password typed one field early
        String shown = hash.isPresent() ? user : "(unknown username)";
        throttle.failed(key, address).forEach(l -> locked(l, deployment, shown, address));
        return new Outcome(false, hash.isPresent() ? "wrong password for partner user '" + user + "'"
                : "unknown partner username");
    }

    private synchronized String decoy() {
        if (decoyHash == null) {
            decoyHash = hasher.hash(UUID.randomUUID().toString());
        }
        return decoyHash;
    }

    /** A lock starts: logged and audited once, naming an address or a known username only. */
    private void locked(LoginThrottle.Lock lock, String deployment, String username, String address) {
        boolean byAddress = lock.scope() == LoginThrottle.Scope.ADDRESS;
        String subject = byAddress ? address : deployment + "/" + username;
        LOG.warn("partner logins {} {} locked until {}: {} failures within {} min", byAddress ? "from" : "for",
                subject, lock.until(), LoginThrottle.MAX_FAILURES, LoginThrottle.WINDOW.toMinutes());
        audit.record(new AuditEntry(0, clock.instant(), AUDIT_ACTOR, "lock",
                byAddress ? "partner-address" : "partner-username", subject, Optional.empty(),
                Optional.of("{\"until\":\"" + lock.until() + "\"}")));
    }

    /** The partner's IP without the port: each connection comes from another port. */
    private static String address(SocketAddress partner) {
        return partner instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(partner);
    }

    /** Stops the pool; checks still waiting are dropped, and their partners time out. */
    @Override
    public void close() {
        checks.shutdownNow();
    }
}
