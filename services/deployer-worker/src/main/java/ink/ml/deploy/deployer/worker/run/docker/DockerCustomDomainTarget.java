package ink.ml.deploy.deployer.worker.run.docker;

import ink.ml.deploy.acme.AcmeDirectory;
import ink.ml.deploy.acme.CertificateIssuer;
import ink.ml.deploy.acme.FailureKind;
import ink.ml.deploy.acme.IssuanceFailure;
import ink.ml.deploy.acme.IssuedCertificate;
import ink.ml.deploy.acme.PemFileAccountKeyStore;
import ink.ml.deploy.acme.PollBackoff;
import ink.ml.deploy.deployer.worker.domain.CustomDomainTarget;
import ink.ml.deploy.deployer.worker.run.ActivityHeartbeat;
import ink.ml.deploy.deployer.worker.run.edge.EdgeDomains;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.CustomDomainSpec;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.domain.CertificatePhase;
import ink.ml.deploy.workflow.domain.CertificateState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * A custom domain's two phases on one machine, where the platform is its own cert-manager. Phase 1
 * obtains the certificate from the ACME server ({@link CertificateIssuer}, acme4j) by HTTP-01,
 * which the edge answers itself ({@link EdgeDomains#challenges()}), and keeps it on the edge
 * without serving it; phase 2 serves it on the edge's TLS port and routes the domain as its
 * service's platform host.
 *
 * <p>An issuance runs on a thread of its own; {@link #requestCertificate} waits for it while
 * heartbeating its activity, so a long validation neither times the activity out nor hides its
 * cancellation. A retried request joins the issuance already running for the domain. Its outcome is
 * what {@link #certificateState} reports: a failure keeps the ACME server's own detail and whether
 * trying again can help, until the domain is asked for again or removed. Outcomes live in this
 * process; after a restart a domain without a kept certificate is simply not requested.
 */
public final class DockerCustomDomainTarget implements CustomDomainTarget, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DockerCustomDomainTarget.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(5);

    private final EdgeDomains edge;
    private final Optional<CertificateIssuer> issuer;
    private final String noIssuerReason;
    private final Function<ServiceRef, String> platformHostname;
    private final Clock clock;
    private final ExecutorService issuing;
    private final Map<String, Issuance> running = new HashMap<>();
    private final Map<String, Failure> failures = new HashMap<>();

    /**
     * @param edge where the certificates are kept and served, and HTTP-01 is answered
     * @param issuer the ACME client, or empty when none is configured
     * @param noIssuerReason what the user reads when {@code issuer} is empty
     * @param platformHostname the host name a service answers at on this machine's edge
     */
    public DockerCustomDomainTarget(
            EdgeDomains edge,
            Optional<CertificateIssuer> issuer,
            String noIssuerReason,
            Function<ServiceRef, String> platformHostname) {
        this(edge, issuer, noIssuerReason, platformHostname, Clock.systemUTC());
    }

    /**
     * @param clock what decides when a kept certificate is due for renewal
     */
    DockerCustomDomainTarget(
            EdgeDomains edge,
            Optional<CertificateIssuer> issuer,
            String noIssuerReason,
            Function<ServiceRef, String> platformHostname,
            Clock clock) {
        this.edge = edge;
        this.issuer = issuer;
        this.noIssuerReason = noIssuerReason;
        this.platformHostname = platformHostname;
        this.clock = clock;
        this.issuing =
                Executors.newCachedThreadPool(
                        task -> {
                            Thread thread = new Thread(task, "custom-domain-issuance");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** From the deployer-worker's settings: no issuer where the edge cannot serve domains. */
    public static DockerCustomDomainTarget from(
            EdgeDomains edge, AcmeConfig acme, Function<ServiceRef, String> platformHostname) {
        Optional<CertificateIssuer> issuer =
                edge.unsupportedReason().isPresent()
                        ? Optional.empty()
                        : acme.directoryUrl()
                                .filter(url -> !url.isBlank())
                                .map(url -> issuer(edge, acme, directoryUrl(url)));
        return new DockerCustomDomainTarget(
                edge,
                issuer,
                "custom domains cannot get certificates on this machine: no ACME server is"
                        + " configured (mcpdeploy.acme.directory-url)",
                platformHostname);
    }

    private static URI directoryUrl(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an https:// URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "mcpdeploy.acme.directory-url must be the ACME server's https:// directory URL,"
                            + " e.g. https://acme-v02.api.letsencrypt.org/directory (got \""
                            + url
                            + "\")",
                    e);
        }
    }

    private static CertificateIssuer issuer(EdgeDomains edge, AcmeConfig acme, URI url) {
        AcmeDirectory directory =
                acme.trustedCertificates()
                        .filter(file -> !file.isBlank())
                        .map(file -> AcmeDirectory.trusting(url, read(Path.of(file))))
                        .orElseGet(() -> AcmeDirectory.withDefaultTrust(url));
        return new CertificateIssuer(
                directory,
                new PemFileAccountKeyStore(Path.of(acme.accountKeyFile())),
                edge.challenges(),
                PollBackoff.defaults());
    }

    @Override
    public void requestCertificate(CustomDomainSpec spec) {
        if (unavailableReason().isPresent()) {
            // certificateState says why; asking again changes nothing.
            return;
        }
        String domain = spec.domain().value();
        if (validCertificate(domain)
                .filter(kept -> !CertificateRenewal.isDue(kept, clock.instant()))
                .isPresent()) {
            return;
        }
        // None, or one due for renewal: the kept one is served until serveTls takes the new one.
        Issuance issuance;
        synchronized (this) {
            issuance = running.get(domain);
            if (issuance == null) {
                failures.remove(domain);
                issuance = new Issuance(domain, platformHostname.apply(spec.service()));
                running.put(domain, issuance);
                issuing.execute(issuance.task);
            }
        }
        awaitWhileHeartbeating(issuance);
    }

    @Override
    public CertificateState certificateState(CustomDomainSpec spec) {
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            return CertificateState.failed(unavailable.get(), false);
        }
        String domain = spec.domain().value();
        Optional<X509Certificate> kept = edge.storedCertificate(domain);
        if (kept.isPresent() && isValidNow(kept.get())) {
            return CertificateState.of(CertificatePhase.READY);
        }
        synchronized (this) {
            if (running.containsKey(domain)) {
                return CertificateState.of(CertificatePhase.ISSUING);
            }
            Failure failure = failures.get(domain);
            if (failure != null) {
                return CertificateState.failed(failure.detail(), failure.retryable());
            }
        }
        return kept.map(
                        expired ->
                                new CertificateState(
                                        CertificatePhase.NOT_REQUESTED,
                                        "the certificate of "
                                                + domain
                                                + " is valid from "
                                                + expired.getNotBefore().toInstant()
                                                + " until "
                                                + expired.getNotAfter().toInstant()
                                                + ", not now: it must be requested again",
                                        false))
                .orElseGet(() -> CertificateState.of(CertificatePhase.NOT_REQUESTED));
    }

    @Override
    public void serveTls(CustomDomainSpec spec) {
        unavailableReason()
                .ifPresent(
                        reason -> {
                            throw StepFailure.of(StepFailure.APPLY_REJECTED, reason);
                        });
        String domain = spec.domain().value();
        if (validCertificate(domain).isEmpty()) {
            throw StepFailure.of(
                    StepFailure.APPLY_REJECTED,
                    "no valid certificate is kept for " + domain + ": it must be issued first");
        }
        edge.serve(domain, platformHostname.apply(spec.service()));
    }

    @Override
    public void remove(CustomDomainSpec spec) {
        String domain = spec.domain().value();
        synchronized (this) {
            // A running issuance no longer keeps what it gets: it is not the current one.
            Issuance issuance = running.remove(domain);
            if (issuance != null) {
                issuance.task.cancel(true);
            }
            failures.remove(domain);
        }
        edge.remove(domain);
    }

    /**
     * Why no domain can get a certificate here (the edge, or no ACME server); empty when one can.
     */
    private Optional<String> unavailableReason() {
        return edge.unsupportedReason()
                .or(() -> issuer.isEmpty() ? Optional.of(noIssuerReason) : Optional.empty());
    }

    private Optional<X509Certificate> validCertificate(String domain) {
        return edge.storedCertificate(domain).filter(DockerCustomDomainTarget::isValidNow);
    }

    private static boolean isValidNow(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return true;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return false;
        }
    }

    private void awaitWhileHeartbeating(Issuance issuance) {
        while (true) {
            ActivityHeartbeat.beat("issuing the certificate of " + issuance.domain);
            try {
                issuance.task.get(HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillIssuing) {
                // Beat again.
            } catch (CancellationException | ExecutionException ended) {
                // The outcome, whatever it is, is in certificateState.
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs on an issuing thread; keeps its outcome only while it is the domain's current one. */
    private void issue(Issuance issuance) {
        String domain = issuance.domain;
        Optional<Failure> failure = Optional.empty();
        try {
            IssuedCertificate issued = issuer.orElseThrow().issue(domain);
            synchronized (this) {
                if (running.get(domain) == issuance) {
                    edge.storeCertificate(
                            domain,
                            issuance.platformHostname,
                            issued.certificateChainPem(),
                            issued.privateKeyPem());
                    LOG.infof(
                            "certificate of %s issued, valid until %s", domain, issued.notAfter());
                }
            }
        } catch (IssuanceFailure refused) {
            failure =
                    Optional.of(
                            new Failure(refused.detail(), refused.kind() == FailureKind.TRANSIENT));
            LOG.infof("no certificate for %s: %s", domain, refused.getMessage());
        } catch (RuntimeException e) {
            failure =
                    Optional.of(
                            new Failure(
                                    "the certificate of "
                                            + domain
                                            + " could not be kept: "
                                            + e.getMessage(),
                                    true));
            LOG.warnf(e, "the certificate of %s could not be kept", domain);
        } finally {
            synchronized (this) {
                if (running.get(domain) == issuance) {
                    running.remove(domain);
                    failure.ifPresent(reason -> failures.put(domain, reason));
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "mcpdeploy.acme.trusted-certificates: cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        issuing.shutdownNow();
    }

    /** Why the last issuance of a domain failed, as the user reads it. */
    private record Failure(String detail, boolean retryable) {}

    /** One issuance in progress, for one domain of one service. */
    private final class Issuance {
        final String domain;
        final String platformHostname;
        final FutureTask<Void> task;

        Issuance(String domain, String platformHostname) {
            this.domain = domain;
            this.platformHostname = platformHostname;
            this.task =
                    new FutureTask<>(
                            () -> {
                                issue(this);
                                return null;
                            });
        }
    }
}
