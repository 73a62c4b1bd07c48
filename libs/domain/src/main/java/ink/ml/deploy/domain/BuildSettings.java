package ink.ml.deploy.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything about a service that decides what its image contains, apart from the commit: the
 * strategy, where the build runs, which Dockerfile, and the user's commands for a generated build.
 * {@link #fingerprint()} is the one place these are hashed into the image tag.
 *
 * @param rootDirectory the build context inside the repository; {@link RepoPath#ROOT} for its root
 * @param dockerfilePath the Dockerfile, relative to the root directory
 * @param installCommand the user's install command; empty for the detected one
 * @param buildCommand the user's build command; empty for the detected one
 * @param startCommand the user's start command; empty for the detected one
 */
public record BuildSettings(
        BuildStrategy strategy,
        RepoPath rootDirectory,
        RepoPath dockerfilePath,
        Optional<BuildCommand> installCommand,
        Optional<BuildCommand> buildCommand,
        Optional<BuildCommand> startCommand) {

    public BuildSettings {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(rootDirectory, "rootDirectory");
        Objects.requireNonNull(dockerfilePath, "dockerfilePath");
        installCommand = installCommand == null ? Optional.empty() : installCommand;
        buildCommand = buildCommand == null ? Optional.empty() : buildCommand;
        startCommand = startCommand == null ? Optional.empty() : startCommand;
    }

    /**
     * Settings as stored (already validated when saved), read back: a null or empty command is
     * none. Refuses what would not have been saved.
     */
    public static BuildSettings of(
            String strategy,
            String rootDirectory,
            String dockerfilePath,
            String installCommand,
            String buildCommand,
            String startCommand) {
        return new BuildSettings(
                BuildStrategy.parse(strategy),
                RepoPath.directory("rootDirectory", rootDirectory),
                RepoPath.file("dockerfilePath", dockerfilePath),
                BuildCommand.parse(BuildCommand.INSTALL_FIELD, installCommand),
                BuildCommand.parse(BuildCommand.BUILD_FIELD, buildCommand),
                BuildCommand.parse(BuildCommand.START_FIELD, startCommand));
    }

    /**
     * The settings as one text: a {@code name=value} line each, in a fixed order, a missing command
     * as an empty value. No value can hold a line break (paths and commands refuse them), so two
     * different settings never read as the same text. The first line versions the encoding.
     */
    public String canonical() {
        return "build-settings/1\n"
                + "strategy="
                + strategy.id()
                + "\nrootDirectory="
                + rootDirectory.value()
                + "\ndockerfilePath="
                + dockerfilePath.value()
                + "\ninstallCommand="
                + installCommand.map(BuildCommand::value).orElse("")
                + "\nbuildCommand="
                + buildCommand.map(BuildCommand::value).orElse("")
                + "\nstartCommand="
                + startCommand.map(BuildCommand::value).orElse("")
                + "\n";
    }

    /** What the image tag carries after the commit: equal exactly when the settings are. */
    public BuildFingerprint fingerprint() {
        return BuildFingerprint.of(canonical());
    }
}
