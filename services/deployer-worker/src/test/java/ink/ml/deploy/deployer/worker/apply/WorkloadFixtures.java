package ink.ml.deploy.deployer.worker.apply;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.ExecutionTargetKind;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.UrlScheme;
import ink.ml.deploy.k8s.ImagePull;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.k8s.ServiceWorkload;
import ink.ml.deploy.workflow.deploy.ApplyWorkloadRequest;
import ink.ml.deploy.workflow.deploy.DeleteWorkloadRequest;
import ink.ml.deploy.workflow.deploy.RolloutRequest;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Map;

/** One customer service of the tests: user u42, project shop, service web on port 3000. */
final class WorkloadFixtures {
    /** Production's cluster, as the default configuration describes it. */
    static final Cluster EU_CENTRAL_1 =
            new Cluster(
                    Region.of("eu-central-1"),
                    "ml.ink",
                    "cname.ml.ink",
                    UrlScheme.HTTPS,
                    443,
                    RegistryHost.DEFAULT,
                    ExecutionTargetKind.KUBERNETES);

    static final ServiceRef WEB = ServiceRef.of("u42", "shop", "web");
    static final String NAMESPACE = "dp-u42-shop";
    static final GitSha SHA = GitSha.of("0123456789abcdef0123456789abcdef01234567");
    static final ImageRef IMAGE = ImageRef.of(RegistryHost.of("127.0.0.1:5000"), WEB, SHA);
    static final int PORT = 3000;
    static final String DATABASE_URL = "postgres://db:5432/app?password=s3cret";

    private WorkloadFixtures() {}

    static ApplyWorkloadRequest applyRequest(String deploymentId, Map<String, String> env) {
        return new ApplyWorkloadRequest(
                deploymentId, "u42", "shop", "web", IMAGE.reference(), PORT, 512, 500, env);
    }

    static RolloutRequest rolloutRequest(String deploymentId) {
        return new RolloutRequest(deploymentId, "u42", "shop", "web", PORT);
    }

    static DeleteWorkloadRequest deleteRequest(boolean lastServiceOfProject) {
        return new DeleteWorkloadRequest("u42", "shop", "web", lastServiceOfProject);
    }

    /** What the builders make for {@code deploymentId}, as the test's expectation. */
    static ServiceWorkload workload(
            String deploymentId, Map<String, String> env, ImagePull imagePull) {
        Map<EnvVarName, String> variables =
                env.entrySet().stream()
                        .collect(
                                java.util.stream.Collectors.toMap(
                                        e -> EnvVarName.of(e.getKey()), Map.Entry::getValue));
        return ServiceWorkload.from(
                new ServiceSpec(
                        WEB,
                        DeploymentId.of(deploymentId),
                        IMAGE,
                        imagePull,
                        AppPort.of(PORT),
                        new ResourcePlan(512, 500),
                        EU_CENTRAL_1,
                        variables));
    }

    static Deployment deployment(String deploymentId) {
        return workload(deploymentId, Map.of(), ImagePull.PULL_SECRET).deployment();
    }
}
