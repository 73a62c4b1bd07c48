package ink.ml.deploy.checks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The custom resources deploy/ may hold, and the fields each may use, written out from the CRDs of
 * cert-manager (cert-manager.io/v1, acme.cert-manager.io/v1) and Traefik (traefik.io/v1alpha1) for
 * the parts the manifests use. fabric8 has no model for them; a field outside these shapes (a typo,
 * a field of another version) is reported like an unknown field of a built-in kind.
 */
final class CustomResourceShapes {

    /** What a value may be: a scalar, an object with known fields, a list, or a string map. */
    sealed interface Shape permits Scalar, Fields, ListOf, StringMap {}

    record Scalar() implements Shape {}

    record Fields(Map<String, Shape> fields, Set<String> required) implements Shape {}

    record ListOf(Shape item) implements Shape {}

    record StringMap() implements Shape {}

    private static final Shape SCALAR = new Scalar();
    private static final Shape STRINGS = new ListOf(SCALAR);
    private static final Shape STRING_MAP = new StringMap();
    private static final Shape SECRET_KEY_REF =
            fields(Map.of("name", SCALAR, "key", SCALAR), "name");

    private static final Shape TOLERATION =
            fields(
                    Map.of(
                            "key", SCALAR,
                            "operator", SCALAR,
                            "value", SCALAR,
                            "effect", SCALAR,
                            "tolerationSeconds", SCALAR));

    private static final Shape HTTP01_POD_TEMPLATE =
            fields(
                    Map.of(
                            "metadata",
                            fields(Map.of("labels", STRING_MAP, "annotations", STRING_MAP)),
                            "spec",
                            fields(
                                    Map.of(
                                            "nodeSelector", STRING_MAP,
                                            "tolerations", new ListOf(TOLERATION),
                                            "priorityClassName", SCALAR,
                                            "serviceAccountName", SCALAR,
                                            "imagePullSecrets",
                                                    new ListOf(fields(Map.of("name", SCALAR)))))));

    private static final Shape ACME_SOLVER =
            fields(
                    Map.of(
                            "selector",
                            fields(
                                    Map.of(
                                            "dnsZones", STRINGS,
                                            "dnsNames", STRINGS,
                                            "matchLabels", STRING_MAP)),
                            "http01",
                            fields(
                                    Map.of(
                                            "ingress",
                                            fields(
                                                    Map.of(
                                                            "ingressClassName", SCALAR,
                                                            "class", SCALAR,
                                                            "name", SCALAR,
                                                            "serviceType", SCALAR,
                                                            "podTemplate", HTTP01_POD_TEMPLATE)))),
                            "dns01",
                            fields(
                                    Map.of(
                                            "cloudflare",
                                            fields(
                                                    Map.of(
                                                            "apiTokenSecretRef", SECRET_KEY_REF,
                                                            "apiKeySecretRef", SECRET_KEY_REF,
                                                            "email", SCALAR))))));

    private static final Shape CLUSTER_ISSUER_SPEC =
            fields(
                    Map.of(
                            "acme",
                            fields(
                                    Map.of(
                                            "server", SCALAR,
                                            "email", SCALAR,
                                            "privateKeySecretRef", SECRET_KEY_REF,
                                            "solvers", new ListOf(ACME_SOLVER)),
                                    "server",
                                    "privateKeySecretRef",
                                    "solvers")),
                    "acme");

    private static final Shape CERTIFICATE_SPEC =
            fields(
                    Map.of(
                            "secretName", SCALAR,
                            "commonName", SCALAR,
                            "dnsNames", STRINGS,
                            "duration", SCALAR,
                            "renewBefore", SCALAR,
                            "usages", STRINGS,
                            "issuerRef",
                                    fields(
                                            Map.of("group", SCALAR, "kind", SCALAR, "name", SCALAR),
                                            "name"),
                            "privateKey",
                                    fields(
                                            Map.of(
                                                    "algorithm", SCALAR,
                                                    "size", SCALAR,
                                                    "encoding", SCALAR,
                                                    "rotationPolicy", SCALAR))),
                    "secretName",
                    "issuerRef");

    private static final Shape TLS_STORE_SPEC =
            fields(
                    Map.of(
                            "defaultCertificate",
                                    fields(Map.of("secretName", SCALAR), "secretName"),
                            "certificates", new ListOf(fields(Map.of("secretName", SCALAR))),
                            "defaultGeneratedCert",
                                    fields(
                                            Map.of(
                                                    "resolver",
                                                    SCALAR,
                                                    "domain",
                                                    fields(
                                                            Map.of(
                                                                    "main", SCALAR,
                                                                    "sans", STRINGS))))));

    /** apiVersion + " " + kind → the shape of its spec. */
    private static final Map<String, Shape> SPECS =
            Map.of(
                    "cert-manager.io/v1 ClusterIssuer", CLUSTER_ISSUER_SPEC,
                    "cert-manager.io/v1 Certificate", CERTIFICATE_SPEC,
                    "traefik.io/v1alpha1 TLSStore", TLS_STORE_SPEC);

    private CustomResourceShapes() {}

    static boolean isKnown(String apiVersion, String kind) {
        return SPECS.containsKey(apiVersion + " " + kind);
    }

    static Set<String> known() {
        return SPECS.keySet();
    }

    /** Problems of a custom resource's top level and spec; empty when it fits its shape. */
    static List<String> problems(ManifestDocument document) {
        List<String> problems = new ArrayList<>();
        Shape spec = SPECS.get(document.apiVersion() + " " + document.kind());
        if (spec == null) {
            problems.add(
                    document.apiVersion()
                            + " "
                            + document.kind()
                            + " is neither a kind fabric8 knows nor one of "
                            + known());
            return problems;
        }
        for (String key : document.tree().keySet()) {
            if (!Set.of("apiVersion", "kind", "metadata", "spec").contains(key)) {
                problems.add(key + ": not a field of " + document.kind());
            }
        }
        check(document.tree().get("spec"), spec, "spec", problems);
        return problems;
    }

    private static void check(Object value, Shape shape, String path, List<String> problems) {
        if (shape instanceof Scalar) {
            if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
                problems.add(path + ": expected a single value");
            }
        } else if (shape instanceof StringMap) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(path + ": expected a map of strings");
                return;
            }
            map.forEach(
                    (k, v) -> {
                        if (!(v instanceof String)) {
                            problems.add(path + "." + k + ": expected a string");
                        }
                    });
        } else if (shape instanceof ListOf list) {
            if (!(value instanceof List<?> items)) {
                problems.add(path + ": expected a list");
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                check(items.get(i), list.item(), path + "[" + i + "]", problems);
            }
        } else if (shape instanceof Fields object) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(path + ": expected an object");
                return;
            }
            for (String required : object.required()) {
                if (!map.containsKey(required)) {
                    problems.add(path + "." + required + ": required");
                }
            }
            map.forEach(
                    (k, v) -> {
                        Shape field = object.fields().get(String.valueOf(k));
                        if (field == null) {
                            problems.add(path + "." + k + ": unknown field");
                        } else {
                            check(v, field, path + "." + k, problems);
                        }
                    });
        }
    }

    private static Shape fields(Map<String, Shape> fields, String... required) {
        return new Fields(fields, Set.of(required));
    }
}
