package ink.ml.deploy.platform.domains;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;
import java.util.Set;

/** Which names may be claimed as custom domains, beyond every public one. */
@ConfigMapping(prefix = "mcpdeploy.custom-domains")
public interface CustomDomainNamesConfig {
    /**
     * Special-use top-level names accepted anyway, from {@code test} and {@code example} only: for
     * a platform whose ACME CA and DNS are a test's own (Pebble and a local DNS server), where
     * {@code app.example.test} can be verified and issued. Unset in production, where no public CA
     * would issue for them.
     */
    Optional<Set<String>> testingTlds();
}
