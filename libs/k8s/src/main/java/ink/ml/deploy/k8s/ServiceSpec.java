package ink.ml.deploy.k8s;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceRef;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one deployment of a service is built from.
 *
 * @param service whose service this is
 * @param deployment the deployment being rolled out; written onto the pods
 * @param image the image to run; must belong to {@code service}
 * @param imagePull whether the pods pull it with the namespace's pull Secret
 * @param port where the app listens; probed for readiness and routed to
 * @param resources memory and CPU plan
 * @param cluster where it runs; gives the platform hostname
 * @param env the decrypted variables; they only ever leave the deployer inside a Secret
 */
public record ServiceSpec(
        ServiceRef service,
        DeploymentId deployment,
        ImageRef image,
        ImagePull imagePull,
        AppPort port,
        ResourcePlan resources,
        Cluster cluster,
        Map<EnvVarName, String> env) {

    public ServiceSpec {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(imagePull, "imagePull");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(cluster, "cluster");
        if (!image.service().equals(service)) {
            // An image is pushed under its own project's path; running another's would cross
            // tenants.
            throw new IllegalArgumentException(
                    "image " + image + " does not belong to service " + service.hostLabel());
        }
        // Sorted, so the rendered Secret is byte-for-byte stable and re-applying it is a no-op.
        env = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(env, "env")));
    }

    /** Where the service answers under the cluster's apps domain. */
    public String hostname() {
        return cluster.platformHostname(service);
    }

    public String namespace() {
        return service.namespace();
    }

    /** Values are secrets: never print them. */
    @Override
    public String toString() {
        return "ServiceSpec[service="
                + service.hostLabel()
                + ", deployment="
                + deployment
                + ", image="
                + image
                + ", imagePull="
                + imagePull
                + ", port="
                + port
                + ", resources="
                + resources
                + ", hostname="
                + hostname()
                + ", env="
                + env.keySet()
                + "]";
    }
}
