package ink.ml.deploy.checks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every YAML document under {@code deploy/eu-central-1/k8s/}. The customer templates hold {@code
 * ${PLACEHOLDER}}s (templates/README.md documents them); they are filled with one sample project's
 * values, the same kind of values libs/k8s's golden test uses, so that a template parses as the
 * object the builders produce. A placeholder not listed here fails the read: a new one must be
 * documented and given a value.
 */
final class KubernetesManifests {
    static final Path K8S = Path.of("eu-central-1", "k8s");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_0-9]+)}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One sample value per placeholder of templates/README.md. */
    static final Map<String, String> TEMPLATE_VALUES = templateValues();

    private KubernetesManifests() {}

    /** Every document of every {@code *.yaml} under k8s/, in path order. */
    static List<ManifestDocument> all() {
        Path root = DeployTree.root();
        try (Stream<Path> files = Files.walk(root.resolve(K8S))) {
            List<ManifestDocument> documents = new ArrayList<>();
            for (Path file :
                    files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                            .sorted()
                            .toList()) {
                documents.addAll(read(root, root.relativize(file)));
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Kubernetes objects among {@link #all()}. */
    static List<ManifestDocument> objects() {
        return all().stream().filter(ManifestDocument::isKubernetesObject).toList();
    }

    /** The Kubernetes objects of one directory under k8s/ (system, dp-build, templates). */
    static List<ManifestDocument> objectsIn(String area) {
        return objects().stream().filter(d -> d.area().equals(area)).toList();
    }

    private static List<ManifestDocument> read(Path root, Path file) throws IOException {
        String text = Files.readString(root.resolve(file));
        if (file.startsWith(K8S.resolve("templates"))) {
            text = fill(file, text);
        }
        List<ManifestDocument> documents = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> parsed =
                YAML.readerFor(new TypeReference<Map<String, Object>>() {}).readValues(text)) {
            int index = 0;
            while (parsed.hasNext()) {
                Map<String, Object> tree = parsed.next();
                if (tree != null) {
                    documents.add(new ManifestDocument(file, index, tree));
                }
                index++;
            }
        }
        return documents;
    }

    private static String fill(Path file, String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = TEMPLATE_VALUES.get(matcher.group(1));
            if (value == null) {
                throw new AssertionError(
                        file + " uses " + matcher.group() + ", which has no sample value here");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static Map<String, String> templateValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("USER_ID", "u42");
        values.put("PROJECT", "shop");
        values.put("SERVICE", "web");
        values.put("NAMESPACE", "dp-u42-shop");
        String sha = "0123456789abcdef0123456789abcdef01234567";
        values.put("IMAGE", "registry.internal:5000/dp-u42-shop/web:" + sha);
        values.put("GIT_SHA", sha);
        values.put("DEPLOYMENT_ID", "dep-7");
        values.put("PORT", "3000");
        values.put("CPU_REQUEST", "125m");
        values.put("CPU_LIMIT", "500m");
        values.put("MEMORY", "512Mi");
        values.put("HOSTNAME", "web-shop-u42.ml.ink");
        values.put("ENV_NAME", "DATABASE_URL");
        values.put("ENV_VALUE_BASE64", "cG9zdGdyZXM6Ly9kYjo1NDMyL2FwcA==");
        values.put("DOMAIN", "app.example.com");
        values.put("REGISTRY", "registry.internal:5000");
        values.put("PULL_PASSWORD", "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");
        values.put("DOCKER_CONFIG_JSON_BASE64", "eyJhdXRocyI6e319");
        return Map.copyOf(values);
    }
}
