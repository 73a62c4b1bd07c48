package ink.ml.deploy.deployer.worker.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The client certificate {@code buildctl} shows buildkitd, and the CA it checks buildkitd's
 * certificate against. Required once RUN steps share buildkitd's network: they then share its
 * loopback and pod address, where its gRPC port listens, and only a certificate they do not hold
 * keeps them from driving buildkitd (listing other projects' cache, building from it, pruning it).
 */
public record BuildkitClientTls(Path caCert, Path cert, Path key) {
    public BuildkitClientTls {
        Objects.requireNonNull(caCert, "caCert");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }

    /** {@code buildctl}'s global flags, before the command. */
    List<String> buildctlFlags() {
        return List.of(
                "--tlscacert",
                caCert.toString(),
                "--tlscert",
                cert.toString(),
                "--tlskey",
                key.toString());
    }
}
