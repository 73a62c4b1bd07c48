package ink.ml.deploy.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The smallest Java app an agent pushes: a JDK http server, a pom.xml that packages it as a
 * runnable jar, and the Maven wrapper ({@code mvnw}, only-script, and its properties), no
 * Dockerfile. Its files are the test resources under {@code java-app/}.
 */
final class JavaApp {
    private JavaApp() {}

    /** Each file's path in the repository and its text. */
    static Map<String, String> files() {
        try {
            Path root = Path.of(JavaApp.class.getResource("/java-app").toURI());
            Map<String, String> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    files.put(root.relativize(file).toString(), Files.readString(file));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
