package ink.ml.deploy.buildplan;

import java.util.List;

/**
 * Maven or Gradle, always through the repository's wrapper: the wrapper pins the tool's version,
 * and the JDK base image carries no Maven or Gradle of its own.
 */
enum JavaBuildTool {
    MAVEN(
            "Maven",
            "mvnw",
            List.of("pom.xml"),
            "sh ./mvnw -B -DskipTests package",
            "/root/.m2",
            "target",
            "target",
            "mvn wrapper:wrapper (commit mvnw and .mvn/wrapper/)"),
    GRADLE(
            "Gradle",
            "gradlew",
            List.of("build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts"),
            "sh ./gradlew --no-daemon assemble",
            "/root/.gradle",
            "build",
            "build/libs",
            "gradle wrapper (commit gradlew and gradle/wrapper/)");

    private final String displayName;
    private final String wrapper;
    private final List<String> buildFiles;
    private final String buildCommand;
    private final String cache;
    private final String outputDirectory;
    private final String jarDirectory;
    private final String addWrapper;

    JavaBuildTool(
            String displayName,
            String wrapper,
            List<String> buildFiles,
            String buildCommand,
            String cache,
            String outputDirectory,
            String jarDirectory,
            String addWrapper) {
        this.displayName = displayName;
        this.wrapper = wrapper;
        this.buildFiles = buildFiles;
        this.buildCommand = buildCommand;
        this.cache = cache;
        this.outputDirectory = outputDirectory;
        this.jarDirectory = jarDirectory;
        this.addWrapper = addWrapper;
    }

    String displayName() {
        return displayName;
    }

    /** The wrapper script at the root directory. */
    String wrapper() {
        return wrapper;
    }

    List<String> buildFiles() {
        return buildFiles;
    }

    String buildCommand() {
        return buildCommand;
    }

    /** The directory the tool caches downloads in (the build stage runs as root). */
    String cache() {
        return cache;
    }

    /** Where a Quarkus build writes quarkus-app/ and its -runner.jar. */
    String outputDirectory() {
        return outputDirectory;
    }

    /** Where the tool writes the jars it packages. */
    String jarDirectory() {
        return jarDirectory;
    }

    /** How to add the wrapper to the repository. */
    String addWrapper() {
        return addWrapper;
    }
}
