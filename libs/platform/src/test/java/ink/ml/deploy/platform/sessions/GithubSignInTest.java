package ink.ml.deploy.platform.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.ProjectView;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.users.User;
import ink.ml.deploy.platform.users.Users;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GithubSignInTest {
    @Inject GithubSignIn signIn;
    @Inject Sessions sessions;
    @Inject Projects projects;
    @Inject GithubAccounts githubAccounts;
    @Inject Users users;

    @Test
    void aFirstSignInCreatesTheUserTheirDefaultProjectTheLinkAndASession() {
        long githubId = newGithubId();
        String login = "Gh-" + githubId;

        IssuedSession session =
                signIn.signIn(
                        new GithubIdentity(githubId, login, "Mona", "mona@example.com"),
                        "gho_first");

        UserId userId = UserId.of(session.userId());
        assertThat(userId.value()).isEqualTo(("gh" + githubId).substring(0, 12));
        assertThat(sessions.verify(session.token()).orElseThrow().caller().userId())
                .isEqualTo(userId);
        assertThat(projects.list(new Caller(userId), PageRequest.firstPage()).items())
                .extracting(ProjectView::name)
                .containsExactly(Projects.DEFAULT_NAME);
        assertThat(githubAccounts.findUserByGithubId(githubId)).contains(userId);
        assertThat(githubAccounts.oauthToken(userId)).contains("gho_first");
        assertThat(users.get(new Caller(userId)).email()).isEqualTo("mona@example.com");
    }

    @Test
    void aLaterSignInFindsTheSameUserAndStoresTheNewToken() {
        long githubId = newGithubId();
        GithubIdentity identity = new GithubIdentity(githubId, "later" + githubId, null, null);
        IssuedSession first = signIn.signIn(identity, "gho_one");

        IssuedSession second = signIn.signIn(identity, "gho_two");

        assertThat(second.userId()).isEqualTo(first.userId());
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(githubAccounts.oauthToken(UserId.of(first.userId()))).contains("gho_two");
        assertThat(projects.list(Caller.of(first.userId()), PageRequest.firstPage()).items())
                .hasSize(1);
    }

    @Test
    void aTakenIdGetsARandomSuffix() {
        long firstId = newGithubId();
        String base = "dup" + (firstId % 100_000);
        IssuedSession first = signIn.signIn(new GithubIdentity(firstId, base, null, null), "gho_a");

        IssuedSession second =
                signIn.signIn(
                        new GithubIdentity(newGithubId(), base.toUpperCase(), null, null), "gho_b");

        assertThat(first.userId()).isEqualTo(base);
        assertThat(second.userId()).matches(base + "[a-z0-9]{4}");
    }

    @Test
    void anInvalidIdentityCreatesNothing() {
        long githubId = newGithubId();
        long usersBefore = userCount();

        assertThatThrownBy(
                        () ->
                                signIn.signIn(
                                        new GithubIdentity(githubId, "bad login!", null, null),
                                        "gho_x"))
                .hasMessageStartingWith("login: ");

        assertThat(githubAccounts.findUserByGithubId(githubId)).isEmpty();
        assertThat(userCount()).isEqualTo(usersBefore);
    }

    private static long userCount() {
        return QuarkusTransaction.requiringNew().call(() -> User.count());
    }

    private static long newGithubId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);
    }
}
