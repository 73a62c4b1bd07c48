package ink.ml.deploy.platform.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeysTest {
    @Inject ApiKeys apiKeys;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;

    @Test
    void aNewKeyIsShownOnceAndVerifiesAsItsOwner() {
        Caller caller = users.newCaller();

        CreatedApiKey created = apiKeys.create(caller, "  laptop cli ");

        assertThat(created.secret()).matches("dk_live_[0-9a-f]{64}");
        assertThat(created.prefix()).isEqualTo(created.secret().substring(0, 16));
        assertThat(created.name()).isEqualTo("laptop cli");
        assertThat(created.toString()).doesNotContain(created.secret().substring(8));
        assertThat(apiKeys.verify(created.secret())).contains(caller);
        assertThat(apiKeys.list(caller, PageRequest.firstPage()).items())
                .singleElement()
                .satisfies(
                        view -> {
                            assertThat(view.id()).isEqualTo(created.id());
                            assertThat(view.prefix()).isEqualTo(created.prefix());
                            assertThat(view.toString())
                                    .doesNotContain(created.secret().substring(8));
                            assertThat(view.revoked()).isFalse();
                        });
    }

    @Test
    void theTableHoldsOnlyThePrefixAndAHashNeverTheSecret() {
        Caller caller = users.newCaller();
        CreatedApiKey created = apiKeys.create(caller, "ci");

        String row = rowAsJson(created.id());
        byte[] hash =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        (byte[])
                                                entityManager
                                                        .createNativeQuery(
                                                                "select hash from api_keys where"
                                                                        + " id = ?1")
                                                        .setParameter(
                                                                1, UUID.fromString(created.id()))
                                                        .getSingleResult());

        assertThat(row).contains(created.prefix());
        assertThat(row).doesNotContain(created.secret().substring(16));
        assertThat(hash).hasSize(32);
        assertThat(Arrays.equals(hash, created.secret().getBytes())).isFalse();
    }

    @Test
    void refusesWrongAndMalformedKeys() {
        Caller caller = users.newCaller();
        CreatedApiKey created = apiKeys.create(caller, "ci");
        String secret = created.secret();
        char last = secret.charAt(secret.length() - 1);
        String samePrefixWrongTail =
                secret.substring(0, secret.length() - 1) + (last == '0' ? '1' : '0');

        assertThat(apiKeys.verify(samePrefixWrongTail)).isEmpty();
        assertThat(apiKeys.verify("dk_live_" + "0".repeat(64))).isEmpty();
        assertThat(apiKeys.verify(null)).isEmpty();
        assertThat(apiKeys.verify("")).isEmpty();
        assertThat(apiKeys.verify("dk_live_")).isEmpty();
        assertThat(apiKeys.verify(secret.toUpperCase())).isEmpty();
        assertThat(apiKeys.verify("dk_test_" + secret.substring(8))).isEmpty();
        assertThat(apiKeys.verify(secret + "0")).isEmpty();
        assertThat(apiKeys.verify(secret.substring(0, secret.length() - 1))).isEmpty();
        assertThat(apiKeys.verify(" " + secret)).isEmpty();
        assertThat(apiKeys.verify(secret + "\n")).isEmpty();
        assertThat(apiKeys.verify(secret)).contains(caller);
    }

    @Test
    void aRevokedKeyIsRefusedAtOnce() {
        Caller caller = users.newCaller();
        CreatedApiKey created = apiKeys.create(caller, "old");

        ApiKeyView revoked = apiKeys.revoke(caller, created.id());

        assertThat(revoked.revoked()).isTrue();
        assertThat(apiKeys.verify(created.secret())).isEmpty();
        assertThat(apiKeys.revoke(caller, created.id()).revokedAt()).isEqualTo(revoked.revokedAt());
        assertThat(apiKeys.list(caller, PageRequest.firstPage()).items())
                .singleElement()
                .satisfies(view -> assertThat(view.revoked()).isTrue());
    }

    @Test
    void anotherUsersKeyIsNotFoundAndKeepsWorking() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        CreatedApiKey created = apiKeys.create(owner, "mine");

        assertThatThrownBy(() -> apiKeys.revoke(stranger, created.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("apiKey " + created.id() + " not found");
        assertThatThrownBy(() -> apiKeys.revoke(stranger, UUID.randomUUID().toString()))
                .isInstanceOf(NotFoundException.class);
        assertThat(apiKeys.list(stranger, PageRequest.firstPage()).items()).isEmpty();
        assertThat(apiKeys.verify(created.secret())).contains(owner);
    }

    @Test
    void refusesBadNamesAndIdsNamingTheField() {
        Caller caller = users.newCaller();

        for (String bad : new String[] {null, "", "   ", "a".repeat(65), "a\nb"}) {
            assertThatThrownBy(() -> apiKeys.create(caller, bad))
                    .isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("name: ");
        }
        assertThat(apiKeys.create(caller, "a".repeat(64)).name()).hasSize(64);
        assertThatThrownBy(() -> apiKeys.revoke(caller, "not-an-id"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("keyId: ");
    }

    @Test
    void recordsTheLastUseAtMostOnceAMinute() {
        Caller caller = users.newCaller();
        CreatedApiKey created = apiKeys.create(caller, "busy");
        assertThat(lastUsed(caller)).isNull();

        apiKeys.verify(created.secret());
        Instant first = lastUsed(caller);
        apiKeys.verify(created.secret());

        assertThat(first).isNotNull();
        assertThat(lastUsed(caller)).isEqualTo(first);

        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update api_keys set last_used_at = now() -"
                                                        + " interval '2 minutes' where id = ?1")
                                        .setParameter(1, UUID.fromString(created.id()))
                                        .executeUpdate());
        Instant aged = lastUsed(caller);
        apiKeys.verify(created.secret());

        assertThat(lastUsed(caller)).isAfter(aged);
    }

    @Test
    void listsTheCallersKeysPageByPage() {
        Caller caller = users.newCaller();
        apiKeys.create(caller, "one");
        apiKeys.create(caller, "two");
        apiKeys.create(caller, "three");

        Page<ApiKeyView> first = apiKeys.list(caller, PageRequest.of(2, null));
        Page<ApiKeyView> second =
                apiKeys.list(caller, PageRequest.of(2, first.endCursor().orElseThrow()));

        assertThat(first.items()).extracting(ApiKeyView::name).containsExactly("one", "two");
        assertThat(first.hasNextPage()).isTrue();
        assertThat(second.items()).extracting(ApiKeyView::name).containsExactly("three");
        assertThat(second.hasNextPage()).isFalse();
    }

    @Test
    void theDatabaseRefusesTwoKeysWithTheSamePrefix() {
        Caller caller = users.newCaller();
        CreatedApiKey created = apiKeys.create(caller, "first");

        assertThatThrownBy(
                        () ->
                                QuarkusTransaction.requiringNew()
                                        .run(
                                                () ->
                                                        entityManager
                                                                .createNativeQuery(
                                                                        "insert into api_keys (id,"
                                                                                + " user_id, name,"
                                                                                + " prefix, hash)"
                                                                                + " values (?1, ?2,"
                                                                                + " 'copy', ?3,"
                                                                                + " '\\x00')")
                                                                .setParameter(1, UUID.randomUUID())
                                                                .setParameter(2, caller.id())
                                                                .setParameter(3, created.prefix())
                                                                .executeUpdate()))
                .hasStackTraceContaining("api_keys_prefix_key");
    }

    private Instant lastUsed(Caller caller) {
        return apiKeys.list(caller, PageRequest.firstPage())
                .items()
                .get(0)
                .lastUsedAt()
                .orElse(null);
    }

    private String rowAsJson(String id) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (String)
                                        entityManager
                                                .createNativeQuery(
                                                        "select row_to_json(k)::text from api_keys"
                                                                + " k where id = ?1")
                                                .setParameter(1, UUID.fromString(id))
                                                .getSingleResult());
    }
}
