package ink.ml.deploy.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A YAML file of Ansible variables (group_vars, role defaults) read as a tree. */
final class InventoryVars {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path file;
    private final JsonNode root;

    private InventoryVars(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static InventoryVars read(Path file) {
        try {
            return new InventoryVars(file, YAML.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variable, failing with the file's name when it is not set there. */
    JsonNode get(String name) {
        JsonNode value = root.get(name);
        if (value == null) {
            throw new AssertionError(name + " is not set in " + file);
        }
        return value;
    }

    /** A list variable as text, each element as written. */
    List<String> list(String name) {
        List<String> values = new ArrayList<>();
        get(name).forEach(element -> values.add(element.asText()));
        return values;
    }

    /** A list variable as text, or {@code otherwise} when the file does not set it. */
    List<String> list(String name, List<String> otherwise) {
        return root.has(name) ? list(name) : otherwise;
    }

    boolean flag(String name) {
        return get(name).asBoolean();
    }

    String text(String name) {
        return get(name).asText();
    }
}
