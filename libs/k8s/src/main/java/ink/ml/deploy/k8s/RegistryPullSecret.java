package ink.ml.deploy.k8s;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A project's image pull Secret: the Docker config the kubelet reads for the registry. The registry
 * refuses anonymous pulls, and this credential only ever gets tokens for the namespace's own images
 * (and the platform's base images), so one Secret per namespace serves all its services and reaches
 * no other tenant's images. Pure: same spec, same Secret.
 */
public final class RegistryPullSecret {
    public static final String TYPE = "kubernetes.io/dockerconfigjson";
    public static final String DATA_KEY = ".dockerconfigjson";

    private final RegistryPullSpec spec;
    private final Labels labels;

    private RegistryPullSecret(RegistryPullSpec spec) {
        this.spec = spec;
        this.labels =
                Labels.forProject(spec.project().user(), spec.project().project())
                        .withComponent(ProjectNames.PULL_SECRET_COMPONENT);
    }

    public static RegistryPullSecret from(RegistryPullSpec spec) {
        return new RegistryPullSecret(spec);
    }

    /** The Docker config, base64-encoded in {@code data} exactly as the API server stores it. */
    public Secret secret() {
        // spotless:off
        return new SecretBuilder()
                .withNewMetadata()
                    .withName(ProjectNames.PULL_SECRET)
                    .withNamespace(spec.namespace())
                    .withLabels(labels.toMap())
                .endMetadata()
                .withType(TYPE)
                .withData(Map.of(DATA_KEY, base64(dockerConfigJson())))
                .build();
        // spotless:on
    }

    /**
     * {@code {"auths":{"<registry>":{"username":…,"password":…,"auth":…}}}}. The kubelet takes the
     * credential from {@code auth} when it is set; the plain fields serve other readers of the
     * format (docker, crane) when an operator debugs a pull. Written by hand, in a fixed order, so
     * the Secret is stable byte for byte and this library needs no JSON mapper.
     */
    String dockerConfigJson() {
        String auth = base64(spec.username() + ":" + spec.password());
        return "{\"auths\":{"
                + json(spec.registry().value())
                + ":{\"username\":"
                + json(spec.username())
                + ",\"password\":"
                + json(spec.password())
                + ",\"auth\":"
                + json(auth)
                + "}}}";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON string literal (RFC 8259 §7). */
    private static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
