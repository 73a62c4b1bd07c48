package ink.ml.deploy.platform.github;

import static ink.ml.deploy.platform.common.ConstraintViolations.violates;

import ink.ml.deploy.domain.GithubLogin;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.SealedValue;
import ink.ml.deploy.platform.crypto.SecretBox;
import ink.ml.deploy.platform.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Links between platform users and GitHub accounts, for GitHub sign-in and the GitHub App. The
 * OAuth token is sealed with {@link SecretBox} under associated data {@code github/<userId>}, so a
 * ciphertext copied to another user's row does not open.
 */
@ApplicationScoped
public class GithubAccounts {
    /** GitHub's tokens are well under this; anything longer is not a token. */
    static final int MAX_TOKEN = 1024;

    private static final Pattern TOKEN_SHAPE = Pattern.compile("[\\x21-\\x7e]+");
    private static final String UNIQUE_GITHUB_USER = "github_accounts_github_user_id_key";

    private final EntityManager entityManager;
    private final SecretBox box;

    public GithubAccounts(EntityManager entityManager, SecretBox box) {
        this.entityManager = entityManager;
        this.box = box;
    }

    /**
     * Links (or re-links, after each GitHub sign-in) {@code userId} to a GitHub account, storing a
     * fresh sealed token. A GitHub account linked to another user is a conflict. The installation
     * id, if any, is kept.
     */
    @Transactional
    public GithubAccountView link(
            UserId userId, long githubUserId, String login, String oauthToken) {
        Objects.requireNonNull(userId, "userId");
        requireId("githubUserId", githubUserId);
        GithubLogin validLogin = GithubLogin.of(login);
        byte[] token = validToken(oauthToken);
        if (User.findById(userId.value()) == null) {
            throw new NotFoundException("user", userId.value());
        }
        if (GithubAccount.count("githubUserId = ?1 and userId <> ?2", githubUserId, userId.value())
                > 0) {
            throw linkedElsewhere();
        }
        SealedValue sealed = box.seal(token, associatedData(userId));
        try {
            // An upsert, so two sign-ins of the same user racing each other both succeed.
            entityManager
                    .createNativeQuery(
                            "insert into github_accounts (user_id, github_user_id, login,"
                                    + " token_ciphertext, token_key_id, updated_at) values (?1, ?2,"
                                    + " ?3, ?4, ?5, ?6) on conflict (user_id) do update set"
                                    + " github_user_id = excluded.github_user_id, login ="
                                    + " excluded.login, token_ciphertext = excluded.token_ciphertext,"
                                    + " token_key_id = excluded.token_key_id, updated_at ="
                                    + " excluded.updated_at")
                    .setParameter(1, userId.value())
                    .setParameter(2, githubUserId)
                    .setParameter(3, validLogin.value())
                    .setParameter(4, sealed.bytes())
                    .setParameter(5, sealed.keyId())
                    .setParameter(6, Timestamps.now())
                    .executeUpdate();
        } catch (PersistenceException e) {
            if (violates(e, UNIQUE_GITHUB_USER)) {
                throw linkedElsewhere();
            }
            throw e;
        }
        GithubAccount account = GithubAccount.findById(userId.value());
        entityManager.refresh(account);
        return GithubAccountView.of(account);
    }

    /** The caller's GitHub link, if any. */
    @Transactional
    public Optional<GithubAccountView> find(Caller caller) {
        return GithubAccount.<GithubAccount>findByIdOptional(caller.id())
                .map(GithubAccountView::of);
    }

    /** GitHub sign-in: the platform user a GitHub account is linked to. */
    @Transactional
    public Optional<UserId> findUserByGithubId(long githubUserId) {
        requireId("githubUserId", githubUserId);
        return GithubAccount.<GithubAccount>find("githubUserId", githubUserId)
                .firstResultOptional()
                .map(account -> UserId.of(account.userId));
    }

    /**
     * The {@code installation} webhook: records (or, with {@code null}, clears) the GitHub App
     * installation of a linked GitHub user. False when no user is linked to that GitHub account.
     */
    @Transactional
    public boolean setInstallation(long githubUserId, Long installationId) {
        requireId("githubUserId", githubUserId);
        if (installationId != null) {
            requireId("installationId", installationId);
        }
        Optional<GithubAccount> account =
                GithubAccount.<GithubAccount>find("githubUserId", githubUserId)
                        .firstResultOptional();
        account.ifPresent(
                a -> {
                    a.installationId = installationId;
                    a.updatedAt = Timestamps.now();
                });
        return account.isPresent();
    }

    /** The App was uninstalled: forgets the installation wherever it was linked. */
    @Transactional
    public int unlinkInstallation(long installationId) {
        requireId("installationId", installationId);
        Instant now = Timestamps.now();
        int count = 0;
        for (GithubAccount account :
                GithubAccount.<GithubAccount>list("installationId", installationId)) {
            account.installationId = null;
            account.updatedAt = now;
            count++;
        }
        return count;
    }

    /** The user's GitHub OAuth token, opened; empty when not linked or no token is stored. */
    @Transactional
    public Optional<String> oauthToken(UserId userId) {
        Objects.requireNonNull(userId, "userId");
        return GithubAccount.<GithubAccount>findByIdOptional(userId.value())
                .filter(account -> account.tokenCiphertext != null)
                .map(
                        account ->
                                new String(
                                        box.open(
                                                new SealedValue(
                                                        account.tokenKeyId,
                                                        account.tokenCiphertext),
                                                associatedData(userId)),
                                        StandardCharsets.UTF_8));
    }

    static String associatedData(UserId userId) {
        return "github/" + userId.value();
    }

    private static void requireId(String field, long id) {
        if (id <= 0) {
            throw new InvalidValueException(field, "must be a positive GitHub id (got " + id + ")");
        }
    }

    /** Checks the token without ever echoing it into an error message. */
    private static byte[] validToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new InvalidValueException("oauthToken", "must not be empty");
        }
        if (token.length() > MAX_TOKEN) {
            throw new InvalidValueException(
                    "oauthToken", "must be at most " + MAX_TOKEN + " characters");
        }
        if (!TOKEN_SHAPE.matcher(token).matches()) {
            throw new InvalidValueException(
                    "oauthToken", "must be printable ASCII without whitespace");
        }
        return token.getBytes(StandardCharsets.US_ASCII);
    }

    private static ConflictException linkedElsewhere() {
        return new ConflictException(
                "githubUserId", "this GitHub account is already linked to another user");
    }
}
