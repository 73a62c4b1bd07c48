package ink.ml.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildSettingsTest {
    static BuildSettings dockerfileAtRoot() {
        return BuildSettings.of("dockerfile", "", "Dockerfile", null, null, null);
    }

    private static BuildSettings base() {
        return BuildSettings.of(
                "node", "apps/web", "Dockerfile", "npm ci", "npm run build", "node server.js");
    }

    @Test
    void theFingerprintIsStableForEqualSettings() {
        assertThat(base().fingerprint()).isEqualTo(base().fingerprint());
        assertThat(base().fingerprint().value()).matches("[0-9a-f]{12}");
        assertThat(
                        BuildSettings.of(
                                        "node",
                                        "apps/web",
                                        "Dockerfile",
                                        "  npm ci ",
                                        "npm run build",
                                        "node server.js")
                                .fingerprint())
                .as("commands are compared trimmed, as they are stored")
                .isEqualTo(base().fingerprint());
    }

    @Test
    void theFingerprintChangesWhenAnySettingChanges() {
        List<BuildSettings> changed =
                List.of(
                        BuildSettings.of(
                                "auto",
                                "apps/web",
                                "Dockerfile",
                                "npm ci",
                                "npm run build",
                                "node server.js"),
                        BuildSettings.of(
                                "node",
                                "apps/api",
                                "Dockerfile",
                                "npm ci",
                                "npm run build",
                                "node server.js"),
                        BuildSettings.of(
                                "node",
                                "apps/web",
                                "Dockerfile.prod",
                                "npm ci",
                                "npm run build",
                                "node server.js"),
                        BuildSettings.of(
                                "node",
                                "apps/web",
                                "Dockerfile",
                                "npm install",
                                "npm run build",
                                "node server.js"),
                        BuildSettings.of(
                                "node", "apps/web", "Dockerfile", "npm ci", null, "node server.js"),
                        BuildSettings.of(
                                "node",
                                "apps/web",
                                "Dockerfile",
                                "npm ci",
                                "npm run build",
                                "node index.js"));

        for (BuildSettings settings : changed) {
            assertThat(settings.fingerprint())
                    .as(settings.canonical())
                    .isNotEqualTo(base().fingerprint());
        }
        assertThat(changed.stream().map(BuildSettings::fingerprint).distinct()).hasSize(6);
    }

    @Test
    void aCommandMovedToAnotherStepIsAnotherBuild() {
        BuildSettings asInstall = BuildSettings.of("node", "", "Dockerfile", "make", null, null);
        BuildSettings asBuild = BuildSettings.of("node", "", "Dockerfile", null, "make", null);
        assertThat(asInstall.fingerprint()).isNotEqualTo(asBuild.fingerprint());
    }

    @Test
    void blankCommandsAreNone() {
        BuildSettings settings = BuildSettings.of("auto", "", "Dockerfile", "", "  ", null);
        assertThat(settings.installCommand()).isEmpty();
        assertThat(settings.buildCommand()).isEmpty();
        assertThat(settings.startCommand()).isEmpty();
        assertThat(settings.fingerprint())
                .isEqualTo(
                        BuildSettings.of("auto", "", "Dockerfile", null, null, null).fingerprint());
    }

    @Test
    void commandsAreOneLineNamingTheirField() {
        assertThatThrownBy(() -> BuildCommand.parse("startCommand", "node a.js\nrm -rf /"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("startCommand: must be one line");
        assertThatThrownBy(() -> BuildCommand.parse("installCommand", "npm ci\rnpm test"))
                .hasMessageStartingWith("installCommand: must be one line");
        assertThatThrownBy(() -> BuildCommand.parse("buildCommand", "make\u0000"))
                .hasMessageStartingWith("buildCommand: must not contain NUL or other control");
        assertThatThrownBy(() -> BuildCommand.parse("buildCommand", "x".repeat(1001)))
                .hasMessage("buildCommand: must be at most 1000 characters (got 1001)");
        assertThat(BuildCommand.parse("buildCommand", " make all ").map(BuildCommand::value))
                .isEqualTo(Optional.of("make all"));
    }

    @Test
    void storedSettingsThatWouldNotHaveBeenSavedAreRefused() {
        assertThatThrownBy(() -> BuildSettings.of("nixpacks", "", "Dockerfile", null, null, null))
                .hasMessageStartingWith("buildStrategy: ");
        assertThatThrownBy(() -> BuildSettings.of("auto", "../x", "Dockerfile", null, null, null))
                .hasMessageStartingWith("rootDirectory: ");
    }
}
