package ink.ml.deploy.checks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's Quarkus configuration says in production: its application.properties over the
 * META-INF/microprofile-config.properties of every repository library it depends on (main scope,
 * transitively), the order Quarkus reads them in. Dev and test profile keys are left out.
 */
final class ServiceConfig {
    private static final Pattern DEPENDENCY =
            Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern ARTIFACT =
            Pattern.compile("<artifactId>(mcpdeploy-[a-z0-9-]+)</artifactId>");
    private static final Pattern OWN_ARTIFACT =
            Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);
    private static final Pattern TEST_SCOPE = Pattern.compile("<scope>test</scope>");

    /** An environment reference: {@code ${NAME}} or {@code ${NAME:default}}. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    private final List<Path> sources;
    private final Map<String, String> values;

    private ServiceConfig(List<Path> sources, Map<String, String> values) {
        this.sources = sources;
        this.values = values;
    }

    static ServiceConfig of(String service) {
        Map<String, Path> libraries = libraryModules();
        Set<Path> modules = new LinkedHashSet<>();
        collect(RepositoryTree.service(service), libraries, modules);
        List<Path> sources = new ArrayList<>();
        sources.add(
                RepositoryTree.service(service)
                        .resolve("src/main/resources/application.properties"));
        for (Path module : modules) {
            Path defaults =
                    module.resolve("src/main/resources/META-INF/microprofile-config.properties");
            if (Files.isRegularFile(defaults)) {
                sources.add(defaults);
            }
        }
        Map<String, String> values = new TreeMap<>();
        // The service's own file wins over every library default (ordinal 250 over 100).
        for (int i = sources.size() - 1; i >= 0; i--) {
            values.putAll(read(sources.get(i)));
        }
        return new ServiceConfig(List.copyOf(sources), values);
    }

    List<Path> sources() {
        return sources;
    }

    /** A key's production value: a {@code %prod.} key over the plain one. */
    Optional<String> value(String key) {
        return Optional.ofNullable(values.getOrDefault("%prod." + key, values.get(key)));
    }

    boolean isTrue(String key) {
        return value(key).map(Boolean::parseBoolean).orElse(false);
    }

    /**
     * Every environment variable the production configuration reads, with whether it has a default.
     */
    Map<String, Boolean> variables() {
        Map<String, Boolean> required = new TreeMap<>();
        values.forEach(
                (key, value) -> {
                    if (key.startsWith("%") && !key.startsWith("%prod.")) {
                        return;
                    }
                    Matcher matcher = VARIABLE.matcher(value);
                    while (matcher.find()) {
                        required.merge(
                                matcher.group(1), matcher.group(2) == null, Boolean::logicalOr);
                    }
                });
        return required;
    }

    private static Map<String, String> read(Path source) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
        return values;
    }

    private static void collect(Path module, Map<String, Path> libraries, Set<Path> into) {
        Matcher dependency = DEPENDENCY.matcher(text(module.resolve("pom.xml")));
        while (dependency.find()) {
            Matcher artifact = ARTIFACT.matcher(dependency.group(1));
            if (!artifact.find() || TEST_SCOPE.matcher(dependency.group(1)).find()) {
                continue;
            }
            Path library = libraries.get(artifact.group(1));
            if (library != null && into.add(library)) {
                collect(library, libraries, into);
            }
        }
    }

    /** libs/* by artifact id. */
    private static Map<String, Path> libraryModules() {
        Map<String, Path> modules = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(RepositoryTree.root().resolve("libs"))) {
            dirs.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .forEach(
                            dir -> {
                                Matcher own = OWN_ARTIFACT.matcher(text(dir.resolve("pom.xml")));
                                if (own.find()) {
                                    modules.put(own.group(1), dir);
                                }
                            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modules;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
