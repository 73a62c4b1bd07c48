package ink.ml.deploy.platform.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GithubAccountsTest {
    /** GitHub user ids unique within the test run (the database lives for the whole run). */
    private static final AtomicLong GITHUB_IDS = new AtomicLong(System.nanoTime() & 0xffffffffL);

    @Inject GithubAccounts accounts;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;

    @Test
    void linksAUserAndFindsThemByTheirGithubId() {
        Caller caller = users.newCaller();
        long githubId = GITHUB_IDS.incrementAndGet();

        GithubAccountView linked =
                accounts.link(caller.userId(), githubId, "Octo-Cat", "gho_secretToken123");

        assertThat(linked.userId()).isEqualTo(caller.id());
        assertThat(linked.githubUserId()).isEqualTo(githubId);
        assertThat(linked.login()).isEqualTo("Octo-Cat");
        assertThat(linked.installationId()).isEmpty();
        assertThat(linked.toString()).doesNotContain("gho_secretToken123");
        assertThat(accounts.findUserByGithubId(githubId)).contains(caller.userId());
        assertThat(accounts.findUserByGithubId(GITHUB_IDS.incrementAndGet())).isEmpty();
        assertThat(accounts.find(caller)).contains(linked);
        assertThat(accounts.find(users.newCaller())).isEmpty();
    }

    @Test
    void theTokenIsSealedInTheTableAndOpensForItsUser() {
        Caller caller = users.newCaller();
        String token = "gho_16C7e42F292c6912E7710c838347Ae178B4a";

        accounts.link(caller.userId(), GITHUB_IDS.incrementAndGet(), "octocat", token);

        Object[] row =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        (Object[])
                                                entityManager
                                                        .createNativeQuery(
                                                                "select token_ciphertext,"
                                                                        + " token_key_id,"
                                                                        + " row_to_json(g)::text"
                                                                        + " from github_accounts g"
                                                                        + " where user_id = ?1")
                                                        .setParameter(1, caller.id())
                                                        .getSingleResult());
        byte[] ciphertext = (byte[]) row[0];
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(ciphertext.length).isGreaterThan(token.length());
        assertThat(row[1]).isEqualTo("test-2");
        assertThat((String) row[2]).doesNotContain(token);
        assertThat(accounts.oauthToken(caller.userId())).contains(token);
        assertThat(accounts.oauthToken(users.newCaller().userId())).isEmpty();
    }

    @Test
    void aTokenCopiedIntoAnotherUsersRowDoesNotOpen() {
        Caller owner = users.newCaller();
        Caller thief = users.newCaller();
        accounts.link(owner.userId(), GITHUB_IDS.incrementAndGet(), "owner", "gho_owner");
        accounts.link(thief.userId(), GITHUB_IDS.incrementAndGet(), "thief", "gho_thief");

        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update github_accounts t set token_ciphertext ="
                                                        + " o.token_ciphertext, token_key_id ="
                                                        + " o.token_key_id from github_accounts o"
                                                        + " where t.user_id = ?1 and o.user_id ="
                                                        + " ?2")
                                        .setParameter(1, thief.id())
                                        .setParameter(2, owner.id())
                                        .executeUpdate());

        assertThatThrownBy(() -> accounts.oauthToken(thief.userId()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("gho_owner");
        assertThat(accounts.oauthToken(owner.userId())).contains("gho_owner");
    }

    @Test
    void relinkingReplacesLoginAndTokenAndKeepsTheInstallation() {
        Caller caller = users.newCaller();
        long githubId = GITHUB_IDS.incrementAndGet();
        accounts.link(caller.userId(), githubId, "old-login", "gho_first");
        accounts.setInstallation(githubId, 4242L);

        GithubAccountView relinked =
                accounts.link(caller.userId(), githubId, "new-login", "gho_second");

        assertThat(relinked.login()).isEqualTo("new-login");
        assertThat(relinked.installationId()).contains(4242L);
        assertThat(accounts.oauthToken(caller.userId())).contains("gho_second");
    }

    @Test
    void aGithubAccountLinkedToAnotherUserIsAConflict() {
        Caller first = users.newCaller();
        Caller second = users.newCaller();
        long githubId = GITHUB_IDS.incrementAndGet();
        accounts.link(first.userId(), githubId, "octocat", "gho_first");

        assertThatThrownBy(() -> accounts.link(second.userId(), githubId, "octocat", "gho_2"))
                .isInstanceOf(ConflictException.class)
                .satisfies(
                        e -> assertThat(((ConflictException) e).field()).isEqualTo("githubUserId"))
                .hasMessageNotContaining(first.id());
        assertThat(accounts.findUserByGithubId(githubId)).contains(first.userId());
        assertThat(accounts.find(second)).isEmpty();
    }

    @Test
    void refusesBadInputNamingTheFieldWithoutEchoingTheToken() {
        UserId user = users.newCaller().userId();
        long githubId = GITHUB_IDS.incrementAndGet();

        for (String login : new String[] {"", "-octo", "octo_cat", "a".repeat(40), "oct o"}) {
            assertThatThrownBy(() -> accounts.link(user, githubId, login, "gho_x"))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("login: ");
        }
        for (String token : new String[] {"", "gho secret", "gho_secret\n", "x".repeat(1025)}) {
            assertThatThrownBy(() -> accounts.link(user, githubId, "octocat", token))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("oauthToken: ")
                    .hasMessageNotContaining("secret");
        }
        assertThatThrownBy(() -> accounts.link(user, 0, "octocat", "gho_x"))
                .hasMessageStartingWith("githubUserId: ");
        assertThatThrownBy(() -> accounts.setInstallation(githubId, -1L))
                .hasMessageStartingWith("installationId: ");
        assertThatThrownBy(() -> accounts.link(UserId.of("nobody"), githubId, "octocat", "gho_x"))
                .isInstanceOf(NotFoundException.class);
        assertThat(accounts.findUserByGithubId(githubId)).isEmpty();
    }

    @Test
    void recordsAndForgetsTheAppInstallation() {
        Caller caller = users.newCaller();
        long githubId = GITHUB_IDS.incrementAndGet();
        long installationId = GITHUB_IDS.incrementAndGet();
        accounts.link(caller.userId(), githubId, "octocat", "gho_x");

        assertThat(accounts.setInstallation(githubId, installationId)).isTrue();
        assertThat(accounts.find(caller).orElseThrow().installationId()).contains(installationId);
        assertThat(accounts.setInstallation(GITHUB_IDS.incrementAndGet(), 1L)).isFalse();

        assertThat(accounts.unlinkInstallation(installationId)).isEqualTo(1);
        assertThat(accounts.find(caller).orElseThrow().installationId()).isEmpty();
        assertThat(accounts.unlinkInstallation(installationId)).isZero();

        accounts.setInstallation(githubId, installationId);
        assertThat(accounts.setInstallation(githubId, null)).isTrue();
        assertThat(accounts.find(caller).orElseThrow().installationId()).isEmpty();
    }
}
