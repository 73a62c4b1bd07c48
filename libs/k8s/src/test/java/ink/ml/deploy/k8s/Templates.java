package ink.ml.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads the design-spec templates in deploy/ and fills their {@code ${PLACEHOLDER}}s. */
final class Templates {
    /** Surefire runs in the module directory. */
    static final Path DIRECTORY = Path.of("../../deploy/eu-central-1/k8s/templates");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_0-9]+)}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Templates() {}

    static List<String> files() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The template with every placeholder replaced; an unknown placeholder fails the test. */
    static JsonNode render(String file, Map<String, String> values) {
        try {
            String text = Files.readString(DIRECTORY.resolve(file));
            Matcher matcher = PLACEHOLDER.matcher(text);
            StringBuilder filled = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    throw new AssertionError(
                            file + " uses undocumented placeholder " + matcher.group());
                }
                matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(filled);
            return YAML.readTree(filled.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A built resource as the API server would receive it. */
    static JsonNode asTree(Object resource) {
        return SERIALIZATION.convertValue(resource, JsonNode.class);
    }

    /**
     * The tree in a canonical text: keys sorted, numbers by value (an int 30 equals a long 30) but
     * a string "30" still differs from the number 30. Failures then show a readable line diff.
     */
    static String canonical(JsonNode tree) {
        try {
            Object plain = CANONICAL.treeToValue(tree, Object.class);
            return CANONICAL.writerWithDefaultPrettyPrinter().writeValueAsString(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
