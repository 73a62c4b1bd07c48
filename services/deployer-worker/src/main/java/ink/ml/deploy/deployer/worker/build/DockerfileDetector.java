package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.RepoPath;
import ink.ml.deploy.workflow.StepFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Dockerfile at the service's root directory and Dockerfile path, and reads the port from
 * its last {@code EXPOSE}. Used for the {@code dockerfile} strategy, and for {@code auto} when
 * libs/build-plan found the repository's Dockerfile; a missing one is a failure the user fixes.
 *
 * <p>The paths were validated when the service was saved; they are checked again, and resolved
 * through symbolic links, because a link in the repository could otherwise point the build at the
 * worker's own files.
 */
public final class DockerfileDetector {
    private static final int MAX_DOCKERFILE_BYTES = 1024 * 1024;
    private static final Pattern EXPOSE = Pattern.compile("(?i)^\\s*EXPOSE\\s+(.*)$");
    private static final Pattern PORT = Pattern.compile("(?i)(\\d{1,5})(?:/(?:tcp|udp|sctp))?");

    private DockerfileDetector() {}

    public static DetectedBuild detect(Path checkout, String rootDirectory, String dockerfilePath) {
        RepoPath root;
        RepoPath file;
        try {
            root = RepoPath.directory("rootDirectory", rootDirectory);
            file = RepoPath.file("dockerfilePath", dockerfilePath);
        } catch (InvalidValueException e) {
            throw StepFailure.of(StepFailure.NO_DOCKERFILE, e.getMessage());
        }
        String display = root.value().isEmpty() ? file.value() : root.value() + "/" + file.value();
        Path top = realPath(checkout);
        Path context = checkout.resolve(root.value()).normalize();
        Path dockerfile = context.resolve(file.value()).normalize();
        if (!Files.isDirectory(context) || !Files.isRegularFile(dockerfile)) {
            throw noDockerfile(display);
        }
        Path realContext = realPath(context);
        Path realDockerfile = realPath(dockerfile);
        if (!realContext.startsWith(top) || !realDockerfile.startsWith(top)) {
            throw StepFailure.of(
                    StepFailure.NO_DOCKERFILE,
                    display + " leads out of the repository through a symbolic link");
        }
        if (!Files.isRegularFile(realDockerfile, LinkOption.NOFOLLOW_LINKS)) {
            throw noDockerfile(display);
        }
        return new DetectedBuild(
                realContext, realDockerfile, lastExposedPort(read(realDockerfile)), display);
    }

    /** The first port of the last EXPOSE instruction, or null. Comments and continuations count. */
    static Integer lastExposedPort(String dockerfile) {
        String lastExpose = null;
        for (String instruction : instructions(dockerfile)) {
            Matcher expose = EXPOSE.matcher(instruction);
            if (expose.matches()) {
                lastExpose = expose.group(1).strip();
            }
        }
        if (lastExpose == null || lastExpose.isEmpty()) {
            return null;
        }
        Matcher port = PORT.matcher(lastExpose.split("\\s+")[0]);
        if (!port.matches()) {
            // A build argument ($PORT) or a range: not knowable before the build runs.
            return null;
        }
        int value = Integer.parseInt(port.group(1));
        return value >= 1 && value <= 65535 ? value : null;
    }

    /** Logical instructions: comment lines dropped, backslash continuations joined. */
    private static List<String> instructions(String dockerfile) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.split("\\R")) {
            String stripped = line.strip();
            if (stripped.startsWith("#")) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            instructions.add(current.toString());
            current.setLength(0);
        }
        if (current.length() > 0) {
            instructions.add(current.toString());
        }
        return instructions;
    }

    private static String read(Path dockerfile) {
        try (InputStream in = Files.newInputStream(dockerfile)) {
            byte[] bytes = in.readNBytes(MAX_DOCKERFILE_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Dockerfile", e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
    }

    private static RuntimeException noDockerfile(String display) {
        return StepFailure.of(
                StepFailure.NO_DOCKERFILE,
                "no Dockerfile at " + display + ": add one, or set the Dockerfile path");
    }
}
