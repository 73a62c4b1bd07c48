package ink.ml.deploy.platform.sessions;

import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.TokenHasher;
import ink.ml.deploy.platform.users.User;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Dashboard sessions: opaque bearer tokens ({@code dk_sess_} + 64 hex) issued after a sign-in,
 * expiring at a fixed time, revocable, with a last-used time. Only an HMAC of the token is stored.
 *
 * <p>The row is found by the keyed hash itself: without the pepper nobody can compute the hash of a
 * guess, so an index lookup on it reveals nothing through its timing.
 */
@ApplicationScoped
public class Sessions {
    public static final String TOKEN_PREFIX = "dk_sess_";

    /**
     * {@code last_used_at} is written at most this often per session, so a busy dashboard does not
     * turn every request into a write.
     */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final int TOKEN_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("dk_sess_[0-9a-f]{64}");

    private final TokenHasher hasher;
    private final SessionsConfig config;

    public Sessions(TokenHasher hasher, SessionsConfig config) {
        this.hasher = hasher;
        this.config = config;
    }

    /** A new session for an existing user; the returned token is never retrievable again. */
    @Transactional
    public IssuedSession issue(UserId userId) {
        Objects.requireNonNull(userId, "userId");
        if (User.findById(userId.value()) == null) {
            throw new NotFoundException("user", userId.value());
        }
        String token = TOKEN_PREFIX + hasher.randomHex(TOKEN_BYTES);
        Instant now = Timestamps.now();
        Session session = new Session();
        session.id = Ids.random();
        session.userId = userId.value();
        session.tokenHash = hasher.hash(token);
        session.createdAt = now;
        session.expiresAt = now.plus(config.ttl());
        session.persistAndFlush();
        return new IssuedSession(session.id.toString(), session.userId, token, session.expiresAt);
    }

    /**
     * The live session a presented token belongs to. Malformed, unknown, expired and revoked tokens
     * are all simply absent. Records the use at most once per {@link #LAST_USED_RESOLUTION}.
     */
    @Transactional
    public Optional<VerifiedSession> verify(String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        Session session = Session.find("tokenHash", hasher.hash(presented)).firstResult();
        Instant now = Timestamps.now();
        if (session == null || !session.isValidAt(now)) {
            return Optional.empty();
        }
        if (session.lastUsedAt == null
                || !session.lastUsedAt.plus(LAST_USED_RESOLUTION).isAfter(now)) {
            session.lastUsedAt = now;
        }
        return Optional.of(
                new VerifiedSession(session.id, Caller.of(session.userId), session.expiresAt));
    }

    /**
     * Logout: revokes one of the caller's sessions; its token stops working at once. Revoking a
     * revoked session changes nothing; another user's session is not found.
     */
    @Transactional
    public void revoke(Caller caller, UUID sessionId) {
        Session session =
                Session.find(
                                "id = :id and userId = :user",
                                Parameters.with("id", sessionId).and("user", caller.id()))
                        .firstResult();
        if (session == null) {
            throw new NotFoundException("session", sessionId.toString());
        }
        if (session.revokedAt == null) {
            session.revokedAt = Timestamps.now();
        }
    }

    /** Signs the caller out everywhere: every live session of theirs is revoked. */
    @Transactional
    public int revokeAll(Caller caller) {
        return Session.update(
                "revokedAt = :now where userId = :user and revokedAt is null",
                Parameters.with("now", Timestamps.now()).and("user", caller.id()));
    }
}
