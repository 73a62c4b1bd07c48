package ink.ml.deploy.deployer.worker.run.edge;

import ink.ml.deploy.acme.Http01Responder;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;

/**
 * Custom domains on the single-host edge, where the platform is its own cert-manager: the HTTP-01
 * answers that obtain a domain's certificate, the certificate kept once issued, and, in the second
 * phase, the certificate served on the TLS port with the domain routed as its service's platform
 * host name (an alias: a redeploy, which changes that host's upstream, changes nothing for the
 * domain). Each change is safe to repeat. Domains and host names are checked like {@link
 * EdgeRoute#hostname}.
 */
public interface EdgeDomains {

    /** Why this edge cannot serve custom domains, in words for the user; empty when it can. */
    Optional<String> unsupportedReason();

    /** Publishes HTTP-01 answers on the edge's HTTP port while an issuance waits for them. */
    Http01Responder challenges();

    /**
     * Keeps an issued certificate for {@code domain}, replacing the one kept before; it is not
     * served until {@link #serve}.
     *
     * @param platformHostname the host name of the service the domain belongs to
     * @param certificateChainPem the certificate, then its intermediates, PEM
     * @param privateKeyPem its key, PEM; kept readable by the platform only, never logged
     */
    void storeCertificate(
            String domain,
            String platformHostname,
            String certificateChainPem,
            String privateKeyPem);

    /** The kept certificate of {@code domain} (the leaf), or empty when none is kept. */
    Optional<X509Certificate> storedCertificate(String domain);

    /**
     * The second phase: the kept certificate is served for {@code domain} on the TLS port, and the
     * domain answers on both ports as {@code platformHostname}.
     *
     * @throws IllegalStateException when no certificate is kept for {@code domain}
     */
    void serve(String domain, String platformHostname);

    /**
     * Takes the domain's alias, its served certificate and its kept one away; nothing when gone.
     */
    void remove(String domain);

    /**
     * Every custom domain the edge holds anything of (a kept certificate or an alias), to the
     * platform host name it belongs to.
     */
    Map<String, String> domains();
}
