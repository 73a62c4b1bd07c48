package ink.ml.deploy.platform.deployments;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ServiceRef;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Everything the deploy workflow needs to build and run one deployment, including the decrypted
 * variables. For trusted orchestration code only; {@link #toString()} names the variables but never
 * shows their values.
 *
 * @param id the deployment
 * @param serviceId the service's product-plane id
 * @param service whose service, in which project: names the namespace, workload and image
 * @param region the cluster region the project lives in (its deployer task queue)
 * @param status where the deployment is now
 * @param trigger what started it
 * @param commit the exact commit it deploys
 * @param image the pushed image, once there is one (a rollback has one from the start)
 * @param config the configuration snapshot recorded with it
 * @param env the service's variables as they were when it was recorded, sorted by name
 * @param workflowId {@code deploy-<id>}
 */
public record DeploymentSnapshot(
        UUID id,
        UUID serviceId,
        ServiceRef service,
        Region region,
        DeploymentStatus status,
        DeploymentTrigger trigger,
        GitSha commit,
        Optional<ImageRef> image,
        ConfigSnapshot config,
        Map<EnvVarName, String> env,
        String workflowId) {

    public DeploymentSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(commit, "commit");
        image = image == null ? Optional.empty() : image;
        Objects.requireNonNull(config, "config");
        env = Collections.unmodifiableMap(new TreeMap<>(env));
        Objects.requireNonNull(workflowId, "workflowId");
    }

    /** The id as written onto the pods. */
    public DeploymentId deploymentId() {
        return DeploymentId.of(id.toString());
    }

    /** Says which variables there are, never what they hold. */
    @Override
    public String toString() {
        return "DeploymentSnapshot[id="
                + id
                + ", service="
                + service.namespace()
                + "/"
                + service.service()
                + ", region="
                + region
                + ", status="
                + status.value()
                + ", trigger="
                + trigger.value()
                + ", commit="
                + commit
                + ", image="
                + image.map(ImageRef::reference).orElse("none")
                + ", config="
                + config
                + ", env="
                + env.keySet()
                + " (values hidden), workflowId="
                + workflowId
                + "]";
    }
}
