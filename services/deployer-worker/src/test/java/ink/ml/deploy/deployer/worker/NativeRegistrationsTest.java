package ink.ml.deploy.deployer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.nativeimage.NativeRegistrationChecks;
import io.quarkus.runtime.annotations.RegisterResourceBundle;
import io.quarkus.runtime.annotations.RegisterResources;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import org.eclipse.jgit.internal.JGitText;
import org.junit.jupiter.api.Test;

class NativeRegistrationsTest {
    @Test
    void everyEnumJGitReadsFromGitConfigurationIsRegisteredForReflection() {
        assertThat(NativeRegistrationChecks.jgitConfigEnums())
                .as("JGit's configuration enums")
                .contains("org.eclipse.jgit.lib.CoreConfig$AutoCRLF");
        assertThat(NativeRegistrationChecks.registeredForReflection(NativeRegistrations.class))
                .containsAll(NativeRegistrationChecks.jgitConfigEnums());
    }

    @Test
    void jgitsMessagesAreKeptAsABundleWithTheFieldsJGitSets() {
        assertThat(NativeRegistrationChecks.registeredForReflection(NativeRegistrations.class))
                .contains(JGitText.class.getName());
        assertThat(
                        NativeRegistrations.class
                                .getAnnotation(RegisterResourceBundle.class)
                                .bundleName())
                .isEqualTo(JGitText.class.getName());
    }

    @Test
    void theFirewallRulesReadFromTheClasspathAreKeptAsAResource() {
        String resource = "ink/ml/deploy/deployer/worker/run/docker/app-networks.nft";
        String glob = NativeRegistrations.class.getAnnotation(RegisterResources.class).globs()[0];

        assertThat(NativeRegistrations.class.getClassLoader().getResource(resource)).isNotNull();
        assertThat(
                        FileSystems.getDefault()
                                .getPathMatcher("glob:" + glob)
                                .matches(Path.of(resource)))
                .as(glob + " matches " + resource)
                .isTrue();
    }
}
