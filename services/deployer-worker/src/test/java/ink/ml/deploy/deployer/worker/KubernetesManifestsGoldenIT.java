package ink.ml.deploy.deployer.worker;

import ink.ml.deploy.testing.GeneratedManifests;
import org.junit.jupiter.api.Test;

/**
 * The Deployment and Service quarkus-kubernetes generated during this build's {@code package} are
 * the ones committed in deploy/eu-central-1/k8s/system/, which operators apply and deploy/checks
 * checks. A failsafe test, so that it runs after {@code package} has written them.
 */
class KubernetesManifestsGoldenIT {
    @Test
    void committedManifestsAreWhatTheBuildGenerates() {
        GeneratedManifests.assertCommittedCopyIsCurrent(
                "deployer-worker", "43-deployer-worker.generated.yaml");
    }
}
