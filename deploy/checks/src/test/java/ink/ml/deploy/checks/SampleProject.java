package ink.ml.deploy.checks;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.CustomDomain;
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
import ink.ml.deploy.k8s.CustomDomainResources;
import ink.ml.deploy.k8s.CustomDomainSpec;
import ink.ml.deploy.k8s.ImagePull;
import ink.ml.deploy.k8s.ProjectResources;
import ink.ml.deploy.k8s.ProjectSpec;
import ink.ml.deploy.k8s.RegistryPullSecret;
import ink.ml.deploy.k8s.RegistryPullSpec;
import ink.ml.deploy.k8s.ServiceSpec;
import ink.ml.deploy.k8s.ServiceWorkload;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One customer project on eu-central-1, and every resource the libs/k8s builders make for it: what
 * the deployer-worker applies to the cluster (KubernetesExecutionTarget.apply, and the custom
 * domain's two phases).
 */
final class SampleProject {
    static final ServiceRef WEB = ServiceRef.of("u42", "shop", "web");
    static final String NAMESPACE = "dp-u42-shop";

    private static final Cluster EU_CENTRAL_1 =
            new Cluster(
                    Region.of("eu-central-1"),
                    "ml.ink",
                    "cname.ml.ink",
                    UrlScheme.HTTPS,
                    443,
                    RegistryHost.DEFAULT,
                    ExecutionTargetKind.KUBERNETES);

    private SampleProject() {}

    static ServiceWorkload workload() {
        return ServiceWorkload.from(
                new ServiceSpec(
                        WEB,
                        DeploymentId.of("dep-7"),
                        ImageRef.of(
                                RegistryHost.DEFAULT,
                                WEB,
                                GitSha.of("0123456789abcdef0123456789abcdef01234567")),
                        ImagePull.PULL_SECRET,
                        AppPort.of(3000),
                        new ResourcePlan(512, 500),
                        EU_CENTRAL_1,
                        Map.of(EnvVarName.of("DATABASE_URL"), "postgres://db:5432/app")));
    }

    /** Everything the builders make for the project, one service and one custom domain. */
    static List<HasMetadata> everythingApplied() {
        ProjectSpec project = new ProjectSpec(WEB.user(), WEB.project());
        List<HasMetadata> all = new ArrayList<>(ProjectResources.from(project).all());
        all.add(
                RegistryPullSecret.from(
                                new RegistryPullSpec(
                                        project, RegistryHost.DEFAULT, NAMESPACE, "a.b.c"))
                        .secret());
        all.addAll(workload().all());
        CustomDomainResources domain =
                CustomDomainResources.from(
                        new CustomDomainSpec(
                                WEB,
                                CustomDomain.parse("app.example.com", EU_CENTRAL_1.platformZones()),
                                AppPort.of(3000)));
        all.add(domain.certificate());
        all.add(domain.tlsIngress());
        return all;
    }
}
