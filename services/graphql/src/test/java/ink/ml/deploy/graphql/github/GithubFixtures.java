package ink.ml.deploy.graphql.github;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.github.GithubAccounts;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.users.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Users, GitHub links and services in the real product-plane database. */
@ApplicationScoped
public class GithubFixtures {
    private static final AtomicLong GITHUB_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private final SecureRandom random = new SecureRandom();
    private final Users users;
    private final Services services;
    private final GithubAccounts githubAccounts;
    private final EntityManager entityManager;

    public GithubFixtures(
            Users users,
            Services services,
            GithubAccounts githubAccounts,
            EntityManager entityManager) {
        this.users = users;
        this.services = services;
        this.githubAccounts = githubAccounts;
        this.entityManager = entityManager;
    }

    /** A fresh user, with their default project. */
    public Caller newUser() {
        return Caller.of(users.register("Webhook Test", "webhook-test@example.com").id());
    }

    /** A user with a fixed id (for {@code @TestSecurity}), created once. */
    @Transactional
    public Caller ensureUser(String userId) {
        entityManager
                .createNativeQuery(
                        "insert into users (id, display_name, created_at) values (?1, ?2, now())"
                                + " on conflict do nothing")
                .setParameter(1, userId)
                .setParameter(2, "Callback Test")
                .executeUpdate();
        return Caller.of(userId);
    }

    public Optional<String> githubLogin(Caller caller) {
        return githubAccounts.find(caller).map(account -> account.login());
    }

    /** A GitHub user id no other test uses. */
    public long newGithubUserId() {
        return GITHUB_IDS.incrementAndGet();
    }

    /** Links the caller to a GitHub account with a stored OAuth token. */
    public void linkGithub(Caller caller, long githubUserId, String login, String token) {
        githubAccounts.link(caller.userId(), githubUserId, login, token);
    }

    public Optional<Long> installationOf(Caller caller) {
        return githubAccounts.find(caller).flatMap(account -> account.installationId());
    }

    /** A live service of the caller, building from a GitHub repository's branch. */
    public void githubService(Caller caller, String name, String repository, String branch) {
        services.create(
                caller,
                CreateServiceRequest.builder(name).githubRepo(repository).branch(branch).build());
    }

    /** A repository name no other test uses. */
    public String uniqueRepository() {
        return "octo/shop-" + hex(4);
    }

    /** A GitHub-style delivery GUID no other test uses. */
    public String newDeliveryId() {
        return hex(4) + "-" + hex(2) + "-" + hex(2) + "-" + hex(2) + "-" + hex(6);
    }

    public String randomSha() {
        return hex(20);
    }

    /**
     * Whether the delivery table remembers this id: a push's push id, another event's delivery id.
     */
    @Transactional
    public boolean deliveryRecorded(String deliveryId) {
        return ((Number)
                                entityManager
                                        .createNativeQuery(
                                                "select count(*) from webhook_deliveries where"
                                                        + " source = 'github' and delivery_id = ?1")
                                        .setParameter(1, deliveryId)
                                        .getSingleResult())
                        .longValue()
                > 0;
    }

    /** Forgets an id, as if the record had been lost: only Temporal's id dedupe remains. */
    @Transactional
    public void forgetDelivery(String deliveryId) {
        entityManager
                .createNativeQuery(
                        "delete from webhook_deliveries where source = 'github' and delivery_id ="
                                + " ?1")
                .setParameter(1, deliveryId)
                .executeUpdate();
    }

    private String hex(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }
}
