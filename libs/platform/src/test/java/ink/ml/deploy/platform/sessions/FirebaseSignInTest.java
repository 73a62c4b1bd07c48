package ink.ml.deploy.platform.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.users.Users;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FirebaseSignInTest {
    @Inject FirebaseSignIn signIn;
    @Inject Projects projects;
    @Inject Users users;

    @Test
    void aFirstSignInCreatesTheUserWithTheirDefaultProjectAndLaterOnesFindIt() {
        String uid = "fb" + UUID.randomUUID().toString().replace("-", "");

        Caller first = signIn.signIn(new FirebaseIdentity(uid, "Ann", "ann@example.com"));
        Caller again = signIn.signIn(new FirebaseIdentity(uid, "Renamed", null));

        assertThat(again).isEqualTo(first);
        assertThat(first.id()).startsWith("ann");
        assertThat(users.findByFirebaseUid(uid)).contains(first.userId());
        assertThat(users.get(first).displayName()).isEqualTo("Ann");
        assertThat(projects.list(first, PageRequest.firstPage()).items())
                .extracting(ProjectView::name)
                .containsExactly(Projects.DEFAULT_NAME);
    }

    @Test
    void refusesAMalformedUidNamingTheField() {
        for (String bad : new String[] {"", "has space", "x".repeat(129)}) {
            assertThatThrownBy(() -> signIn.signIn(new FirebaseIdentity(bad, null, null)))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("firebaseUid: ");
        }
    }
}
