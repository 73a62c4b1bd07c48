package ink.ml.deploy.platform.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionsTest {
    @Inject Sessions sessions;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;

    @Test
    void anIssuedTokenVerifiesAsItsUserUntilItExpires() {
        Caller caller = users.newCaller();

        IssuedSession issued = sessions.issue(caller.userId());

        assertThat(issued.token()).matches("dk_sess_[0-9a-f]{64}");
        assertThat(issued.toString()).doesNotContain(issued.token().substring(8));
        assertThat(issued.expiresAt()).isEqualTo(createdAt(issued).plus(Duration.ofDays(14)));
        VerifiedSession verified = sessions.verify(issued.token()).orElseThrow();
        assertThat(verified.caller()).isEqualTo(caller);
        assertThat(verified.sessionId().toString()).isEqualTo(issued.id());
        assertThat(verified.expiresAt()).isEqualTo(issued.expiresAt());
    }

    @Test
    void theTableHoldsOnlyAKeyedHashOfTheToken() {
        IssuedSession issued = sessions.issue(users.newCaller().userId());

        String row =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        (String)
                                                entityManager
                                                        .createNativeQuery(
                                                                "select row_to_json(s)::text from"
                                                                        + " sessions s where id ="
                                                                        + " ?1")
                                                        .setParameter(
                                                                1, UUID.fromString(issued.id()))
                                                        .getSingleResult());

        assertThat(row).doesNotContain(issued.token().substring(8, 24));
    }

    @Test
    void refusesForgedAndMalformedTokens() {
        IssuedSession issued = sessions.issue(users.newCaller().userId());
        String token = issued.token();
        char last = token.charAt(token.length() - 1);

        assertThat(sessions.verify(token.substring(0, 71) + (last == '0' ? '1' : '0'))).isEmpty();
        assertThat(sessions.verify("dk_sess_" + "0".repeat(64))).isEmpty();
        assertThat(sessions.verify(null)).isEmpty();
        assertThat(sessions.verify("")).isEmpty();
        assertThat(sessions.verify(token.toUpperCase())).isEmpty();
        assertThat(sessions.verify(token + "0")).isEmpty();
        assertThat(sessions.verify(" " + token)).isEmpty();
        assertThat(sessions.verify("dk_live_" + token.substring(8))).isEmpty();
        assertThat(sessions.verify(token)).isPresent();
    }

    @Test
    void anExpiredSessionIsRefused() {
        IssuedSession issued = sessions.issue(users.newCaller().userId());

        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update sessions set created_at = now() - interval"
                                                        + " '15 days', expires_at = now() - interval '1"
                                                        + " second' where id = ?1")
                                        .setParameter(1, UUID.fromString(issued.id()))
                                        .executeUpdate());

        assertThat(sessions.verify(issued.token())).isEmpty();
    }

    @Test
    void aRevokedSessionIsRefusedAtOnceAndRevokingAgainChangesNothing() {
        Caller caller = users.newCaller();
        IssuedSession issued = sessions.issue(caller.userId());
        IssuedSession other = sessions.issue(caller.userId());
        UUID id = UUID.fromString(issued.id());

        sessions.revoke(caller, id);
        Instant revokedAt = revokedAt(id);
        sessions.revoke(caller, id);

        assertThat(sessions.verify(issued.token())).isEmpty();
        assertThat(revokedAt(id)).isEqualTo(revokedAt);
        assertThat(sessions.verify(other.token())).isPresent();
    }

    @Test
    void anotherUsersSessionIsNotFoundAndKeepsWorking() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        IssuedSession issued = sessions.issue(owner.userId());

        assertThatThrownBy(() -> sessions.revoke(stranger, UUID.fromString(issued.id())))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("session " + issued.id() + " not found");
        assertThat(sessions.revokeAll(stranger)).isZero();
        assertThat(sessions.verify(issued.token())).isPresent();
    }

    @Test
    void revokeAllSignsTheUserOutEverywhere() {
        Caller caller = users.newCaller();
        IssuedSession first = sessions.issue(caller.userId());
        IssuedSession second = sessions.issue(caller.userId());

        assertThat(sessions.revokeAll(caller)).isEqualTo(2);

        assertThat(sessions.verify(first.token())).isEmpty();
        assertThat(sessions.verify(second.token())).isEmpty();
    }

    @Test
    void refusesASessionForAnUnknownUser() {
        assertThatThrownBy(() -> sessions.issue(UserId.of("nosuchuser1")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void recordsTheLastUseAtMostOnceAMinute() {
        IssuedSession issued = sessions.issue(users.newCaller().userId());
        UUID id = UUID.fromString(issued.id());
        assertThat(lastUsed(id)).isNull();

        sessions.verify(issued.token());
        Instant first = lastUsed(id);
        sessions.verify(issued.token());

        assertThat(first).isNotNull();
        assertThat(lastUsed(id)).isEqualTo(first);

        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update sessions set last_used_at = now() -"
                                                        + " interval '2 minutes' where id = ?1")
                                        .setParameter(1, id)
                                        .executeUpdate());
        Instant aged = lastUsed(id);
        sessions.verify(issued.token());

        assertThat(lastUsed(id)).isAfter(aged);
    }

    private Instant createdAt(IssuedSession issued) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Session.<Session>findById(UUID.fromString(issued.id())).createdAt);
    }

    private Instant revokedAt(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Session.<Session>findById(id).revokedAt);
    }

    private Instant lastUsed(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Session.<Session>findById(id).lastUsedAt);
    }
}
