package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.registryauth.RegistryCredential;
import java.util.Optional;

/**
 * How a builder signs in to the registry for one build: a credential for the project's own
 * namespace (the builder exchanges it at the token realm for each image it pulls or pushes) and,
 * for a builder that pushes from a network where the realm is out of reach (the Docker engine in
 * its isolated namespace), a bearer token for pushing the one image. Both empty for an anonymous
 * registry.
 */
public record RegistryLogin(Optional<RegistryCredential> credential, Optional<String> pushToken) {

    public static RegistryLogin anonymous() {
        return new RegistryLogin(Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "RegistryLogin[credential="
                + credential.map(c -> c.username()).orElse("none")
                + ", pushToken="
                + (pushToken.isPresent() ? "***" : "none")
                + "]";
    }
}
