package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a Java app is built: the Maven or Gradle wrapper packages a runnable jar (a Spring Boot fat
 * jar, a Quarkus fast-jar or uber-jar, a shaded jar), which runs with {@code java -jar} on the JRE.
 */
final class JavaRules {
    static final String JAR = "/app/app.jar";

    private static final List<Pattern> MAVEN_VERSIONS =
            List.of(
                    Pattern.compile("<maven\\.compiler\\.release>\\s*([0-9.]+)\\s*<"),
                    Pattern.compile("<java\\.version>\\s*([0-9.]+)\\s*<"),
                    Pattern.compile("<maven\\.compiler\\.target>\\s*([0-9.]+)\\s*<"),
                    Pattern.compile("<release>\\s*([0-9.]+)\\s*</release>"));

    private static final List<Pattern> GRADLE_VERSIONS =
            List.of(
                    Pattern.compile("JavaLanguageVersion\\.of\\(\\s*([0-9]+)\\s*\\)"),
                    Pattern.compile("sourceCompatibility\\s*=\\s*JavaVersion\\.VERSION_([0-9_]+)"),
                    Pattern.compile("sourceCompatibility\\s*=\\s*['\"]([0-9.]+)['\"]"));

    private JavaRules() {}

    static boolean applies(Checkout checkout) {
        return signals(checkout).size() > 0;
    }

    /** The Java build files present, wrappers first. */
    static List<String> signals(Checkout checkout) {
        List<String> present = new ArrayList<>();
        for (JavaBuildTool tool : JavaBuildTool.values()) {
            if (checkout.isFile(tool.wrapper())) {
                present.add(tool.wrapper());
            }
        }
        for (JavaBuildTool tool : JavaBuildTool.values()) {
            tool.buildFiles().stream().filter(checkout::isFile).forEach(present::add);
        }
        return present;
    }

    static String lookedFor() {
        return "mvnw, gradlew, pom.xml, build.gradle or build.gradle.kts";
    }

    static GeneratedBuild generate(Checkout checkout, PlanBuilder plan, BaseImages images) {
        JavaBuildTool tool = tool(checkout, plan);
        plan.reason(
                tool.wrapper()
                        + ": the "
                        + tool.displayName()
                        + " wrapper packages the app; downloads are cached in "
                        + tool.cache());
        version(checkout, tool)
                .ifPresent(
                        hint ->
                                plan.version(
                                        hint.version(),
                                        "version: Java "
                                                + hint.version()
                                                + " from "
                                                + hint.source()
                                                + "; the JDK and JRE base images provide the"
                                                + " runtime"));
        plan.install(null, null);
        plan.build(tool.buildCommand(), "build: " + tool.buildCommand() + " (tests are skipped)");
        boolean selectJar = plan.startOverride().isEmpty();
        plan.start(
                "java $JAVA_OPTS -Dserver.port=$PORT -Dquarkus.http.port=$PORT -jar " + JAR,
                "start: java -jar on the JRE base image; the jar is the build's only runnable jar"
                        + " in "
                        + tool.jarDirectory()
                        + "/ (Quarkus: quarkus-app/ or the -runner.jar); -Dserver.port (Spring"
                        + " Boot) and -Dquarkus.http.port (Quarkus) follow $PORT");
        if (!selectJar) {
            plan.reason("start: with the startCommand the image holds the whole build directory");
        }
        BuildPlan built = plan.plan();
        return new GeneratedBuild(built, JavaDockerfile.render(built, tool, selectJar, images));
    }

    private static JavaBuildTool tool(Checkout checkout, PlanBuilder plan) {
        boolean maven = checkout.isFile("pom.xml");
        boolean gradle = JavaBuildTool.GRADLE.buildFiles().stream().anyMatch(checkout::isFile);
        boolean mvnw = checkout.isFile(JavaBuildTool.MAVEN.wrapper());
        boolean gradlew = checkout.isFile(JavaBuildTool.GRADLE.wrapper());
        if (maven && mvnw) {
            if (gradle || gradlew) {
                plan.reason("build tool: Maven, as pom.xml and mvnw exist next to Gradle files");
            }
            return JavaBuildTool.MAVEN;
        }
        if (gradle && gradlew) {
            return JavaBuildTool.GRADLE;
        }
        if (mvnw && !gradle) {
            return JavaBuildTool.MAVEN;
        }
        if (gradlew && !maven) {
            return JavaBuildTool.GRADLE;
        }
        JavaBuildTool missing = maven ? JavaBuildTool.MAVEN : JavaBuildTool.GRADLE;
        if (!maven && !gradle) {
            throw new NothingDetectedException(
                    "build: java needs the Maven wrapper (mvnw with pom.xml) or the Gradle wrapper"
                            + " (gradlew with build.gradle) in the root directory");
        }
        throw new NothingDetectedException(
                (maven ? "pom.xml" : "a Gradle build file")
                        + " found, but no "
                        + missing.displayName()
                        + " wrapper ("
                        + missing.wrapper()
                        + "): the build runs the wrapper, as the JDK base image has no "
                        + missing.displayName()
                        + "; add it with "
                        + missing.addWrapper()
                        + ", or add a Dockerfile");
    }

    private static Optional<VersionHint> version(Checkout checkout, JavaBuildTool tool) {
        List<Pattern> patterns = tool == JavaBuildTool.MAVEN ? MAVEN_VERSIONS : GRADLE_VERSIONS;
        for (String file : tool.buildFiles()) {
            Optional<String> text = checkout.read(file);
            if (text.isEmpty()) {
                continue;
            }
            for (Pattern pattern : patterns) {
                Matcher version = pattern.matcher(text.get());
                if (version.find()) {
                    return Optional.of(new VersionHint(version.group(1).replace('_', '.'), file));
                }
            }
        }
        return Optional.empty();
    }
}
