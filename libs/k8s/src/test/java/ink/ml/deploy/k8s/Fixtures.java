package ink.ml.deploy.k8s;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** One customer project and service, and the template placeholder values that describe them. */
final class Fixtures {
    static final ServiceRef WEB = ServiceRef.of("u42", "shop", "web");
    static final GitSha SHA = GitSha.of("0123456789abcdef0123456789abcdef01234567");
    static final String DATABASE_URL = "postgres://db:5432/app?password=s3cret";

    /** Shaped like the deployer's signed credential: a JWS is base64url and dots. */
    static final String PULL_PASSWORD =
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkcC11NDItc2hvcCJ9.c2lnbmF0dXJl";

    /** Production's cluster: HTTPS on 443, the seed's registry, Kubernetes. */
    static final Cluster EU_CENTRAL_1 =
            new Cluster(
                    Region.of("eu-central-1"),
                    "ml.ink",
                    "cname.ml.ink",
                    UrlScheme.HTTPS,
                    443,
                    RegistryHost.DEFAULT,
                    ExecutionTargetKind.KUBERNETES);

    static final CustomDomain DOMAIN =
            CustomDomain.parse("App.Example.com", EU_CENTRAL_1.platformZones());

    private Fixtures() {}

    static ProjectSpec project() {
        return new ProjectSpec(WEB.user(), WEB.project());
    }

    static ServiceSpec service() {
        return new ServiceSpec(
                WEB,
                DeploymentId.of("dep-7"),
                ImageRef.of(RegistryHost.DEFAULT, WEB, SHA),
                ImagePull.PULL_SECRET,
                AppPort.of(3000),
                new ResourcePlan(512, 500),
                EU_CENTRAL_1,
                Map.of(EnvVarName.of("DATABASE_URL"), DATABASE_URL));
    }

    static RegistryPullSpec registryPull() {
        return new RegistryPullSpec(project(), RegistryHost.DEFAULT, "dp-u42-shop", PULL_PASSWORD);
    }

    static CustomDomainSpec customDomain() {
        return new CustomDomainSpec(WEB, DOMAIN, AppPort.of(3000));
    }

    /** The values of every placeholder documented in deploy/.../templates/README.md. */
    static Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("USER_ID", "u42");
        values.put("PROJECT", "shop");
        values.put("SERVICE", "web");
        values.put("NAMESPACE", "dp-u42-shop");
        values.put("IMAGE", "registry.internal:5000/dp-u42-shop/web:" + SHA.value());
        values.put("GIT_SHA", SHA.value());
        values.put("DEPLOYMENT_ID", "dep-7");
        values.put("PORT", "3000");
        values.put("CPU_REQUEST", "125m");
        values.put("CPU_LIMIT", "500m");
        values.put("MEMORY", "512Mi");
        values.put("HOSTNAME", "web-shop-u42.ml.ink");
        values.put("ENV_NAME", "DATABASE_URL");
        values.put("ENV_VALUE_BASE64", base64(DATABASE_URL));
        values.put("DOMAIN", "app.example.com");
        values.put("REGISTRY", "registry.internal:5000");
        values.put("PULL_PASSWORD", PULL_PASSWORD);
        // Written out here, not taken from the builder, so the golden test pins the JSON itself.
        String dockerConfig =
                "{\"auths\":{\"registry.internal:5000\":{\"username\":\"dp-u42-shop\","
                        + "\"password\":\""
                        + PULL_PASSWORD
                        + "\",\"auth\":\""
                        + base64("dp-u42-shop:" + PULL_PASSWORD)
                        + "\"}}}";
        values.put("DOCKER_CONFIG_JSON_BASE64", base64(dockerConfig));
        return values;
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
