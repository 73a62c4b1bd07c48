package ink.ml.deploy.acme;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.PollableResource;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeLazyLoadingException;
import org.shredzone.acme4j.exception.AcmeProtocolException;

/**
 * Obtains a certificate for one domain from an ACME server (RFC 8555), by HTTP-01: the platform's
 * own cert-manager where there is no Kubernetes. The protocol is acme4j's; this class decides the
 * steps and what a failure means.
 *
 * <ol>
 *   <li>The account key is loaded from the {@link AccountKeyStore}, or made (EC P-256) and stored
 *       there on first use; the account is registered for it, agreeing to the CA's terms (an
 *       existing account is found by its key).
 *   <li>An order for the domain; for each of its authorizations still pending, the HTTP-01 answer
 *       is published through the {@link Http01Responder}, the server is told to validate, and the
 *       challenge is polled ({@link PollBackoff}) until it is decided; the answer is then
 *       withdrawn.
 *   <li>Once the order is ready, it is finalized with a new domain key (EC P-256), polled until the
 *       certificate is issued, and the chain is downloaded.
 * </ol>
 *
 * <p>Any failure is an {@link IssuanceFailure} holding the ACME server's own reason (its problem
 * document) where it gave one, and whether trying again can help ({@link AcmeProblems}). Each
 * issuance has a session of its own, so that issuances for different domains may run at once.
 */
public final class CertificateIssuer {
    private static final String CURVE = "secp256r1";
    private static final Pattern DOMAIN =
            Pattern.compile(
                    "(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
                            + "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private final AcmeDirectory directory;
    private final AccountKeyStore accountKeys;
    private final Http01Responder responder;
    private final PollBackoff backoff;
    private final TrustingAcmeProvider provider;

    public CertificateIssuer(
            AcmeDirectory directory,
            AccountKeyStore accountKeys,
            Http01Responder responder,
            PollBackoff backoff) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.accountKeys = Objects.requireNonNull(accountKeys, "accountKeys");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.provider = new TrustingAcmeProvider(directory.sslContext());
    }

    /**
     * Issues a certificate for {@code domain} (one lower-case DNS name, no wildcard), blocking
     * until it is issued or refused.
     *
     * @throws IssuanceFailure with the ACME server's reason, permanent or transient
     * @throws IllegalArgumentException when {@code domain} is not such a name
     */
    public IssuedCertificate issue(String domain) throws IssuanceFailure {
        requireDomain(domain);
        try {
            Login login = login();
            Order order = login.newOrder().domain(domain).create();
            for (Authorization authorization : order.getAuthorizations()) {
                authorize(domain, authorization);
            }
            Status ready =
                    await(
                            domain,
                            order,
                            EnumSet.of(Status.READY, Status.VALID, Status.INVALID),
                            "the order");
            if (ready != Status.READY) {
                throw Failures.refused(
                        domain, order.getError(), "the order is " + ready.name().toLowerCase());
            }
            KeyPair domainKey = newKey();
            order.execute(domainKey);
            Status issued =
                    await(
                            domain,
                            order,
                            EnumSet.of(Status.VALID, Status.INVALID),
                            "the certificate");
            if (issued != Status.VALID) {
                throw Failures.refused(
                        domain, order.getError(), "the order is " + issued.name().toLowerCase());
            }
            return issued(domain, order, domainKey, login);
        } catch (AcmeException e) {
            throw Failures.of(domain, directory, e);
        } catch (AcmeLazyLoadingException e) {
            throw Failures.of(domain, directory, (AcmeException) e.getCause());
        } catch (AcmeProtocolException e) {
            throw Failures.unexpected(domain, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.interrupted(domain, e);
        }
    }

    private Login login() throws AcmeException {
        Session session = new Session(directory.url(), provider);
        return new AccountBuilder()
                .agreeToTermsOfService()
                .useKeyPair(accountKey())
                .createLogin(session);
    }

    /** The stored account key, or a new one stored first; one at a time, so only one is made. */
    private synchronized KeyPair accountKey() {
        Optional<KeyPair> stored = accountKeys.load();
        if (stored.isPresent()) {
            return stored.get();
        }
        KeyPair created = newKey();
        accountKeys.save(created);
        return created;
    }

    private void authorize(String domain, Authorization authorization)
            throws AcmeException, InterruptedException, IssuanceFailure {
        Status status = authorization.getStatus();
        if (status == Status.VALID) {
            return;
        }
        if (status != Status.PENDING) {
            throw Failures.refused(
                    domain,
                    authorization.getChallenges().stream()
                            .flatMap(challenge -> challenge.getError().stream())
                            .findFirst(),
                    "its authorization is " + status.name().toLowerCase());
        }
        Http01Challenge challenge =
                authorization
                        .findChallenge(Http01Challenge.class)
                        .orElseThrow(() -> Failures.noHttp01(domain));
        String token = challenge.getToken();
        publish(domain, token, challenge.getAuthorization());
        try {
            challenge.trigger();
            Status decided =
                    await(
                            domain,
                            challenge,
                            EnumSet.of(Status.VALID, Status.INVALID),
                            "the HTTP-01 validation");
            if (decided != Status.VALID) {
                throw Failures.refused(
                        domain, challenge.getError(), "the HTTP-01 validation failed");
            }
        } finally {
            withdraw(domain, token);
        }
    }

    private void publish(String domain, String token, String keyAuthorization)
            throws IssuanceFailure {
        try {
            responder.publish(token, keyAuthorization);
        } catch (RuntimeException e) {
            throw Failures.responder(domain, "publish", e);
        }
    }

    private void withdraw(String domain, String token) throws IssuanceFailure {
        try {
            responder.withdraw(token);
        } catch (RuntimeException e) {
            throw Failures.responder(domain, "withdraw", e);
        }
    }

    /**
     * Polls {@code resource} until its status is one of {@code done}, pausing as {@link #backoff}
     * says, for at most its timeout.
     */
    private Status await(String domain, PollableResource resource, Set<Status> done, String what)
            throws AcmeException, InterruptedException, IssuanceFailure {
        long deadline = System.nanoTime() + backoff.timeout().toNanos();
        Duration next = backoff.first();
        Optional<Duration> asked = Optional.empty();
        while (!done.contains(resource.getStatus())) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw Failures.timedOut(domain, what, backoff.timeout(), resource.getStatus());
            }
            Thread.sleep(
                    Math.min(
                            backoff.pause(next, asked).toMillis(),
                            Duration.ofNanos(remaining).toMillis() + 1));
            asked = resource.fetch().map(at -> Duration.between(Instant.now(), at));
            next = backoff.after(next);
        }
        return resource.getStatus();
    }

    private static IssuedCertificate issued(String domain, Order order, KeyPair key, Login login)
            throws AcmeException {
        org.shredzone.acme4j.Certificate certificate = order.getCertificate();
        StringWriter chain = new StringWriter();
        try {
            certificate.writeCertificate(chain);
            return new IssuedCertificate(
                    domain,
                    chain.toString(),
                    Pem.encode("PRIVATE KEY", key.getPrivate().getEncoded()),
                    certificate.getCertificate().getNotAfter().toInstant(),
                    login.getAccountLocation().toURI());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new AcmeProtocolException("the account's location is not a URI", e);
        }
    }

    private static KeyPair newKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make an EC " + CURVE + " key", e);
        }
    }

    private static void requireDomain(String domain) {
        if (domain == null || !DOMAIN.matcher(domain).matches()) {
            throw new IllegalArgumentException(
                    "domain must be one lower-case DNS name without a wildcard, such as"
                            + " app.example.com (got "
                            + (domain == null ? "none" : "\"" + domain + "\"")
                            + ")");
        }
    }
}
