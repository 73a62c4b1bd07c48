package ink.ml.deploy.deployer.worker.run.docker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The ACME server the Docker target obtains custom domains' certificates from (HTTP-01, answered by
 * the edge): the platform is its own cert-manager on one machine. Used by {@link
 * DockerCustomDomainTarget} only.
 */
@ConfigMapping(prefix = "mcpdeploy.acme")
public interface AcmeConfig {

    /**
     * The ACME directory, e.g. {@code https://acme-v02.api.letsencrypt.org/directory}, or a test
     * CA's such as Pebble's. Unset: custom domains cannot get certificates on this machine, and
     * their certificate state says so.
     */
    Optional<String> directoryUrl();

    /**
     * A PEM file of the certificates the ACME server's TLS is verified against, in place of the
     * JDK's trust store: a test or private CA (Pebble's {@code pebble.minica.pem}). Unset: the
     * JDK's trust store, right for a public CA.
     */
    Optional<String> trustedCertificates();

    /**
     * The ACME account's key (PEM, made on first use, mode 0600). Keep it: a new key is a new
     * account, which starts the CA's rate limits over. On persistent storage.
     */
    @WithDefault("/var/lib/mcpdeploy/acme/account.pem")
    String accountKeyFile();
}
