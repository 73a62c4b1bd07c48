package ink.ml.deploy.k8s;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.Cluster;
import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** One customer project and service, and the template placeholder values that describe them. */
final class Fixtures {
    static final ServiceRef WEB = ServiceRef.of("u42", "shop", "web");
    static final GitSha SHA = GitSha.of("0123456789abcdef0123456789abcdef01234567");
    static final String DATABASE_URL = "postgres://db:5432/app?password=s3cret";
    static final CustomDomain DOMAIN =
            CustomDomain.parse("App.Example.com", Cluster.EU_CENTRAL_1.platformZones());

    private Fixtures() {}

    static ProjectSpec project() {
        return new ProjectSpec(WEB.user(), WEB.project());
    }

    static ServiceSpec service() {
        return new ServiceSpec(
                WEB,
                DeploymentId.of("dep-7"),
                ImageRef.of(RegistryHost.DEFAULT, WEB, SHA),
                AppPort.of(3000),
                new ResourcePlan(512, 500),
                Cluster.EU_CENTRAL_1,
                Map.of(EnvVarName.of("DATABASE_URL"), DATABASE_URL));
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
        values.put(
                "ENV_VALUE_BASE64",
                Base64.getEncoder().encodeToString(DATABASE_URL.getBytes(StandardCharsets.UTF_8)));
        values.put("DOMAIN", "app.example.com");
        return values;
    }
}
