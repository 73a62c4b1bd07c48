package ink.ml.deploy.platform.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrationTest {
    @Test
    void aGithubLoginBecomesAnIdHintInTheUserIdAlphabet() {
        assertThat(Registration.fromGithub("Octo-Cat", null, null).preferredId())
                .contains("octocat");
        assertThat(Registration.fromGithub("a-very-long-github-login", null, null).preferredId())
                .contains("averylonggit");
        assertThat(Registration.fromGithub("-", null, null).preferredId()).isEmpty();
    }

    @Test
    void aFirebaseUserIsHintedByTheLocalPartOfTheirEmail() {
        Registration registration =
                Registration.fromFirebase("uid-1", "Ann", "Ann.Lee+x@example.com");

        assertThat(registration.preferredId()).contains("annleex");
        assertThat(registration.firebaseUid()).contains("uid-1");
        assertThat(Registration.fromFirebase("uid-2", null, null).preferredId()).isEmpty();
        assertThat(Registration.fromFirebase("uid-3", null, "no-at-sign").preferredId()).isEmpty();
    }

    @Test
    void anAnonymousRegistrationHasNoHint() {
        assertThat(Registration.anonymous("A", "a@example.com").preferredId())
                .isEqualTo(Optional.empty());
    }
}
