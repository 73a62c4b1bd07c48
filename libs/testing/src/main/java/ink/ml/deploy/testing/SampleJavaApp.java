package ink.ml.deploy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest Java app an agent pushes, for the tests and benchmarks of builds without a
 * Dockerfile: a JDK http server answering {@code hello from java {feature version}} on {@code
 * $PORT}, a pom.xml that packages it as a runnable jar ({@code target/hello-java-1.0.jar}), and the
 * Maven wrapper (only-script {@code mvnw}, which downloads Maven 3.9.9 from Maven Central, and its
 * properties). Its files are this library's resources under {@code sample-apps/java-maven/}.
 */
public final class SampleJavaApp {
    /** What {@code mvn package} writes. */
    public static final String JAR = "target/hello-java-1.0.jar";

    private static final String ROOT = "/sample-apps/java-maven/";
    private static final List<String> FILES =
            List.of(
                    "mvnw",
                    ".mvn/wrapper/maven-wrapper.properties",
                    "pom.xml",
                    "src/main/java/hello/Hello.java");

    private SampleJavaApp() {}

    /** Each file's path in the repository and its text. */
    public static Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        for (String file : FILES) {
            try (InputStream in = SampleJavaApp.class.getResourceAsStream(ROOT + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + ROOT + file);
                }
                files.put(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}
