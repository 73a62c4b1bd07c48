package ink.ml.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The kinds the deployer-worker's own code reaches through the fabric8 client, read from its
 * sources: {@code client.pods()}, {@code client.apps().deployments()}, {@code
 * client.network().v1().ingresses()}, and custom resources through a ResourceDefinitionContext's
 * group and plural. What it applies goes through {@code client.resource(...)} and is whatever the
 * builders make, which {@link SampleProject#everythingApplied()} covers.
 */
final class WorkerCodeKinds {
    private static final Path SOURCES = Path.of("services/deployer-worker/src/main/java");

    private static final Pattern CORE =
            Pattern.compile(
                    "client\\s*\\.\\s*(pods|secrets|services|namespaces|configMaps|events"
                            + "|serviceAccounts|persistentVolumeClaims|nodes|endpoints)\\(\\)");
    private static final Pattern GROUPED =
            Pattern.compile(
                    "client\\s*\\.\\s*(apps|batch|network|rbac|storage)\\(\\)"
                            + "(?:\\s*\\.\\s*v1\\(\\))?\\s*\\.\\s*(\\w+)\\(\\)");
    private static final Pattern CUSTOM =
            Pattern.compile(
                    "withGroup\\(\"([^\"]+)\"\\)[^;]*?withPlural\\(\"([^\"]+)\"\\)",
                    Pattern.DOTALL);

    private static final Map<String, String> GROUPS =
            Map.of(
                    "apps", "apps",
                    "batch", "batch",
                    "network", "networking.k8s.io",
                    "rbac", "rbac.authorization.k8s.io",
                    "storage", "storage.k8s.io");

    private WorkerCodeKinds() {}

    /** "group/plural" → the source files that reach it. */
    static Map<String, Set<String>> reached() {
        Path root = DeployTree.root().resolveSibling(SOURCES.toString());
        Map<String, Set<String>> kinds = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                String name = file.getFileName().toString();
                Matcher core = CORE.matcher(source);
                while (core.find()) {
                    add(kinds, "/" + core.group(1).toLowerCase(Locale.ROOT), name);
                }
                Matcher grouped = GROUPED.matcher(source);
                while (grouped.find()) {
                    add(
                            kinds,
                            GROUPS.get(grouped.group(1))
                                    + "/"
                                    + grouped.group(2).toLowerCase(Locale.ROOT),
                            name);
                }
                Matcher custom = CUSTOM.matcher(source);
                while (custom.find()) {
                    add(kinds, custom.group(1) + "/" + custom.group(2), name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kinds;
    }

    private static void add(Map<String, Set<String>> kinds, String kind, String file) {
        kinds.computeIfAbsent(kind, k -> new TreeSet<>()).add(file);
    }
}
