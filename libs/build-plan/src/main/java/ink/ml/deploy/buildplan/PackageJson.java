package ink.ml.deploy.buildplan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What detection reads from a package.json. */
record PackageJson(
        Map<String, String> scripts,
        String main,
        String enginesNode,
        String packageManager,
        Set<String> dependencies,
        boolean workspaces) {
    static final String FILE = "package.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    Optional<String> script(String name) {
        String script = scripts.get(name);
        return script == null || script.isBlank() ? Optional.empty() : Optional.of(script);
    }

    /** Whether it depends on a package, at run time or for development. */
    boolean uses(String dependency) {
        return dependencies.contains(dependency);
    }

    /**
     * @throws NothingDetectedException naming the file and the problem when it is not a JSON object
     */
    static PackageJson parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            JsonLocation where = e.getLocation();
            throw new NothingDetectedException(
                    FILE
                            + " is not valid JSON"
                            + (where == null
                                    ? ""
                                    : " (line "
                                            + where.getLineNr()
                                            + ", column "
                                            + where.getColumnNr()
                                            + ")")
                            + ": "
                            + firstLine(e.getOriginalMessage())
                            + "; fix it so that npm can read it");
        }
        if (root == null || !root.isObject()) {
            throw new NothingDetectedException(
                    FILE + " must be a JSON object ({ \"name\": ..., \"scripts\": ... })");
        }
        Map<String, String> scripts = new TreeMap<>();
        JsonNode scriptsNode = root.path("scripts");
        for (Iterator<Map.Entry<String, JsonNode>> it = scriptsNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> script = it.next();
            if (script.getValue().isTextual()) {
                scripts.put(script.getKey(), script.getValue().asText());
            }
        }
        Set<String> dependencies = new TreeSet<>();
        for (String section : new String[] {"dependencies", "devDependencies"}) {
            root.path(section).fieldNames().forEachRemaining(dependencies::add);
        }
        return new PackageJson(
                scripts,
                text(root.path("main")),
                text(root.path("engines").path("node")),
                text(root.path("packageManager")),
                dependencies,
                !root.path("workspaces").isMissingNode());
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText().strip() : null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
