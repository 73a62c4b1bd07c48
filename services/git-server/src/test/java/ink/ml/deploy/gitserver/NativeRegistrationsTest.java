package ink.ml.deploy.gitserver;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.nativeimage.NativeRegistrationChecks;
import io.quarkus.runtime.annotations.RegisterResourceBundle;
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
}
