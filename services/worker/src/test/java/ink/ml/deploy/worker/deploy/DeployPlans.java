package ink.ml.deploy.worker.deploy;

import ink.ml.deploy.domain.SourceKind;
import ink.ml.deploy.workflow.deploy.DeploymentPlan;
import java.util.Map;
import java.util.UUID;

/** Deployment plans as the product plane would load them, for the workflow tests. */
public final class DeployPlans {
    public static final String USER = "u7k2m9";
    public static final String REGION = "eu-central-1";
    public static final String DEPLOYER_QUEUE = "deployer-eu-central-1";
    public static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    public static final String IMAGE = "127.0.0.1:5000/dp-u7k2m9-shop/web:" + SHA;

    private DeployPlans() {}

    /** A git-push deployment of a fresh commit: it needs a build. */
    public static DeploymentPlan build(String deploymentId, String serviceId) {
        return plan(deploymentId, serviceId, USER, null);
    }

    /** Like {@link #build(String, String)}, of a service of another user. */
    public static DeploymentPlan build(String deploymentId, String serviceId, String userId) {
        return plan(deploymentId, serviceId, userId, null);
    }

    /** A rollback to an earlier deployment's image: no build. */
    public static DeploymentPlan rollback(String deploymentId, String serviceId, String image) {
        return plan(deploymentId, serviceId, USER, image);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private static DeploymentPlan plan(
            String deploymentId, String serviceId, String userId, String existing) {
        var target = new DeploymentPlan.Target(serviceId, userId, "shop", "web", REGION);
        var source = new DeploymentPlan.Source(SourceKind.GITHUB, "octo/shop", 4242L, "main", SHA);
        var build = DeploymentPlan.BuildSettings.dockerfile("", "Dockerfile");
        var runtime =
                new DeploymentPlan.Runtime(
                        8080, 512, 500, Map.of("DATABASE_URL", "postgres://secret@db/shop"));
        return existing == null
                ? DeploymentPlan.toBuild(deploymentId, target, source, build, runtime, IMAGE)
                : DeploymentPlan.reusing(deploymentId, target, source, build, runtime, existing);
    }
}
