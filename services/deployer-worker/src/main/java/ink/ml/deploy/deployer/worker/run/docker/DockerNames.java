package ink.ml.deploy.deployer.worker.run.docker;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Names of the Docker objects of the single-host target. The target, the monitor and tests call
 * these; nobody concatenates a container or network name elsewhere.
 */
public final class DockerNames {
    /** Linux caps interface names at 15 characters (IFNAMSIZ - 1). */
    static final int INTERFACE_NAME_LENGTH = 15;

    private static final Pattern BRIDGE_PREFIX = Pattern.compile("[a-z]{2,5}");

    private DockerNames() {}

    /** The project's network, {@code dp-{user}-{project}}: the namespace's name on Kubernetes. */
    public static String networkName(ServiceRef service) {
        return service.namespace();
    }

    /**
     * One deployment's container, {@code dp-{user}-{project}.{service}.{deployment}}: the same name
     * on every apply of that deployment, so a retried apply finds the container it made. Dots
     * cannot occur in any part, so two services never share a name.
     */
    public static String containerName(ServiceRef service, DeploymentId deployment) {
        return service.namespace() + "." + service.service().value() + "." + deployment.value();
    }

    /**
     * The bridge interface of a project network: {@code prefix} and then a hash of the network's
     * name, 15 characters in all. Stable, so the host firewall can match every project's bridge by
     * the prefix.
     */
    public static String bridgeName(String prefix, String networkName) {
        requireBridgePrefix(prefix);
        String hash = HexFormat.of().formatHex(sha256(networkName));
        return prefix + hash.substring(0, INTERFACE_NAME_LENGTH - prefix.length());
    }

    static void requireBridgePrefix(String prefix) {
        if (prefix == null || !BRIDGE_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(
                    "mcpdeploy.docker.bridge-prefix must be 2 to 5 lowercase letters");
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
