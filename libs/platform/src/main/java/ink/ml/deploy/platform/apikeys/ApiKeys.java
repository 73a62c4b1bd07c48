package ink.ml.deploy.platform.apikeys;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.UserId;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.Timestamps;
import ink.ml.deploy.platform.crypto.TokenHasher;
import ink.ml.deploy.platform.pagination.Keyset;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * API keys ({@code dk_live_} + 64 hex) for CLIs and agents: create (shown once), verify, revoke,
 * list. The table holds a lookup prefix and an HMAC of the secret, never the secret.
 */
@ApplicationScoped
public class ApiKeys {
    public static final String SECRET_PREFIX = "dk_live_";

    /** {@code dk_live_} + 8 hex: 32 random bits to find the row, far too few to guess a key. */
    static final int PREFIX_LENGTH = SECRET_PREFIX.length() + 8;

    /**
     * {@code last_used_at} is written at most this often per key, so a busy client does not turn
     * every request into a write; the value shown is accurate to this much.
     */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    static final int MAX_NAME = 64;

    private static final int SECRET_BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile("dk_live_[0-9a-f]{64}");

    /**
     * A hash to compare against when no key has the presented prefix, so that a miss costs the same
     * HMAC as a hit.
     */
    private final byte[] decoy;

    private final TokenHasher hasher;

    public ApiKeys(TokenHasher hasher) {
        this.hasher = hasher;
        this.decoy = hasher.hash(SECRET_PREFIX + hasher.randomHex(SECRET_BYTES));
    }

    /** A new key; the returned secret is never retrievable again. */
    @Transactional
    public CreatedApiKey create(Caller caller, String name) {
        String validName = validName(name);
        String secret;
        String prefix;
        int attempt = 0;
        do {
            if (attempt++ == 5) {
                throw new IllegalStateException("no free API key prefix after 5 attempts");
            }
            secret = SECRET_PREFIX + hasher.randomHex(SECRET_BYTES);
            prefix = secret.substring(0, PREFIX_LENGTH);
        } while (ApiKey.count("prefix", prefix) > 0);

        ApiKey key = new ApiKey();
        key.id = Ids.random();
        key.userId = caller.id();
        key.name = validName;
        key.prefix = prefix;
        key.hash = hasher.hash(secret);
        key.createdAt = Timestamps.now();
        key.persistAndFlush();
        return new CreatedApiKey(key.id.toString(), key.name, secret, key.prefix, key.createdAt);
    }

    /**
     * Who a presented key belongs to, if it is a live key. Malformed input is refused before any
     * lookup; the hash comparison is constant-time. Records the use at most once per {@link
     * #LAST_USED_RESOLUTION}.
     */
    @Transactional
    public Optional<Caller> verify(String presented) {
        if (presented == null || !SHAPE.matcher(presented).matches()) {
            return Optional.empty();
        }
        ApiKey key = ApiKey.find("prefix", presented.substring(0, PREFIX_LENGTH)).firstResult();
        if (key == null) {
            hasher.matches(presented, decoy);
            return Optional.empty();
        }
        if (!hasher.matches(presented, key.hash) || key.isRevoked()) {
            return Optional.empty();
        }
        Instant now = Timestamps.now();
        if (key.lastUsedAt == null || !key.lastUsedAt.plus(LAST_USED_RESOLUTION).isAfter(now)) {
            key.lastUsedAt = now;
        }
        return Optional.of(new Caller(UserId.of(key.userId)));
    }

    /**
     * Revokes one of the caller's keys; it stops working at once. Revoking a revoked key changes
     * nothing. Someone else's key is not found.
     */
    @Transactional
    public ApiKeyView revoke(Caller caller, String keyId) {
        ApiKey key = owned(caller, Ids.parse("keyId", keyId));
        if (!key.isRevoked()) {
            key.revokedAt = Timestamps.now();
        }
        return ApiKeyView.of(key);
    }

    /** The caller's keys, revoked ones included, oldest first. */
    @Transactional
    public Page<ApiKeyView> list(Caller caller, PageRequest page) {
        List<ApiKey> rows =
                Keyset.rows(
                        ApiKey.getEntityManager(),
                        ApiKey.class,
                        "e.userId = :user",
                        Map.of("user", caller.id()),
                        page,
                        Keyset.Order.OLDEST_FIRST);
        return Page.of(rows, page, ApiKey::cursor, ApiKeyView::of);
    }

    /** How many keys the caller has, revoked ones included (a connection's totalCount). */
    @Transactional
    public long count(Caller caller) {
        return ApiKey.count("userId", caller.id());
    }

    private ApiKey owned(Caller caller, UUID keyId) {
        ApiKey key =
                ApiKey.find(
                                "id = :id and userId = :user",
                                Parameters.with("id", keyId).and("user", caller.id()))
                        .firstResult();
        if (key == null) {
            throw new NotFoundException("apiKey", keyId.toString());
        }
        return key;
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("name", "must not be empty");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME) {
            throw new InvalidValueException("name", "must be at most " + MAX_NAME + " characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("name", "must not contain control characters");
        }
        return trimmed;
    }
}
