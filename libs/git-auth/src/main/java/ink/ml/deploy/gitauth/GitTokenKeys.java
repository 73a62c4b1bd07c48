package ink.ml.deploy.gitauth;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HMAC keys git tokens are signed with, by key id, from {@code mcpdeploy.git-tokens.keys.<id>}
 * (base64 of at least 32 random bytes) and {@code mcpdeploy.git-tokens.active-key}.
 *
 * <p>Several keys verify, one signs: to rotate, add the new key everywhere, make it the active one
 * where tokens are minted, and remove the old key once the longest-lived token signed with it has
 * expired (or at once, to revoke every token it signed).
 */
public final class GitTokenKeys {
    public static final int MIN_KEY_BYTES = 32;

    /** Key ids travel inside tokens and in config property names: keep them plain. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, byte[]> keys;
    private final String activeKeyId;

    private GitTokenKeys(Map<String, byte[]> keys, String activeKeyId) {
        this.keys = keys;
        this.activeKeyId = activeKeyId;
    }

    /**
     * @param base64Keys key id → base64 of the key (standard or URL-safe alphabet)
     * @param activeKeyId the id of the key new tokens are signed with; empty where tokens are only
     *     verified (the git-server)
     * @throws IllegalArgumentException naming the property at fault (never a key's value)
     */
    public static GitTokenKeys of(Map<String, String> base64Keys, Optional<String> activeKeyId) {
        Objects.requireNonNull(base64Keys, "base64Keys");
        Map<String, byte[]> keys = new LinkedHashMap<>();
        base64Keys.forEach((id, value) -> keys.put(checkedId(id), decode(id, value)));
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(
                    "mcpdeploy.git-tokens.keys: at least one key is needed (base64 of "
                            + MIN_KEY_BYTES
                            + "+ random bytes)");
        }
        String active = activeKeyId.filter(id -> !id.isBlank()).orElse(null);
        if (active != null && !keys.containsKey(active)) {
            throw new IllegalArgumentException(
                    "mcpdeploy.git-tokens.active-key: no key has the id \"" + active + "\"");
        }
        return new GitTokenKeys(Map.copyOf(keys), active);
    }

    /** The id and key that sign new tokens. */
    String activeKeyId() {
        if (activeKeyId == null) {
            throw new IllegalStateException(
                    "mcpdeploy.git-tokens.active-key is not set: this side only verifies tokens");
        }
        return activeKeyId;
    }

    Optional<byte[]> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    private static String checkedId(String id) {
        if (id == null || !KEY_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "mcpdeploy.git-tokens.keys: a key id must be 1 to 32 letters, digits, '_' or"
                            + " '-'");
        }
        return id;
    }

    private static byte[] decode(String id, String value) {
        byte[] key;
        try {
            String trimmed = value == null ? "" : value.trim();
            key =
                    trimmed.contains("-") || trimmed.contains("_")
                            ? Base64.getUrlDecoder().decode(trimmed)
                            : Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "mcpdeploy.git-tokens.keys." + id + " is not base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "mcpdeploy.git-tokens.keys."
                            + id
                            + " must decode to at least "
                            + MIN_KEY_BYTES
                            + " bytes (got "
                            + key.length
                            + ")");
        }
        return key;
    }

    @Override
    public String toString() {
        return "GitTokenKeys[ids=" + keys.keySet() + ", active=" + activeKeyId + "]";
    }
}
