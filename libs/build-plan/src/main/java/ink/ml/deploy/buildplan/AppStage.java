package ink.ml.deploy.buildplan;

import java.util.ArrayList;
import java.util.List;

/**
 * The parts every generated image shares: the app runs as {@value DockerfileWriter#APP_USER} (a
 * fixed id, so the base image needs no {@code useradd}), owns {@code /app} and its home, and
 * listens on {@code $PORT}.
 */
final class AppStage {
    static final String WORKDIR = "/app";

    /**
     * Standard directories, spelled out: images imported from a root filesystem carry no {@code
     * PATH}, and {@code ENV PATH=...:$PATH} would then drop them.
     */
    static final String SYSTEM_PATH =
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private AppStage() {}

    /**
     * Creates {@code /app} and the home owned by the app user and switches to it.
     *
     * @param homeDirectories directories under the home to create now (cache mount targets), so
     *     that they belong to the app user rather than to root
     */
    static void asAppUser(DockerfileWriter dockerfile, List<String> homeDirectories) {
        asAppUser(dockerfile, homeDirectories, List.of());
    }

    /**
     * @param otherDirectories directories outside {@code /app} and the home the app user writes
     *     (e.g. a virtual environment)
     */
    static void asAppUser(
            DockerfileWriter dockerfile,
            List<String> homeDirectories,
            List<String> otherDirectories) {
        List<String> directories = new ArrayList<>(List.of(WORKDIR, DockerfileWriter.APP_HOME));
        homeDirectories.forEach(dir -> directories.add(DockerfileWriter.APP_HOME + "/" + dir));
        directories.addAll(otherDirectories);
        List<String> roots = new ArrayList<>(List.of(WORKDIR, DockerfileWriter.APP_HOME));
        roots.addAll(otherDirectories);
        String ownedRoots = String.join(" ", roots);
        dockerfile
                .runScript(
                        List.of(
                                "mkdir -p "
                                        + String.join(" ", directories)
                                        + " && chown -R "
                                        + DockerfileWriter.APP_USER
                                        + " "
                                        + ownedRoots))
                .env("HOME", DockerfileWriter.APP_HOME)
                .workdir(WORKDIR)
                .user(DockerfileWriter.APP_USER);
    }

    /** {@code PORT}, {@code EXPOSE} and the start command run through {@code /bin/sh}. */
    static void listenAndStart(DockerfileWriter dockerfile, int port, String start) {
        dockerfile
                .env("PORT", Integer.toString(port))
                .expose(port)
                .cmd(List.of("/bin/sh", "-c", ShellCommand.startScript(start)));
    }

    static DockerfileWriter copyAll(DockerfileWriter dockerfile) {
        return dockerfile.copy(List.of("--chown=" + DockerfileWriter.APP_USER), List.of(".", "./"));
    }
}
