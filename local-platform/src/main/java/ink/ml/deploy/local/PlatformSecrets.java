package ink.ml.deploy.local;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys the services must share, fresh for every run: Temporal payload encryption, secrets at
 * rest and token hashing (product plane), git push/read tokens (graphql, mcp, git-server,
 * deployer-worker) and the GitHub webhook secret (graphql, deployer-server). They reach the
 * services only through the environment (never the command line, never the output).
 */
public final class PlatformSecrets {
    public static final String TEMPORAL_PAYLOAD_KEY = "MCPDEPLOY_TEMPORAL_PAYLOAD_KEY_K1";
    public static final String CRYPTO_KEY = "MCPDEPLOY_CRYPTO_KEY_K1";
    public static final String TOKEN_PEPPER = "MCPDEPLOY_CRYPTO_TOKEN_PEPPER";
    public static final String GIT_TOKENS_KEY = "MCPDEPLOY_GIT_TOKENS_KEYS_K1";
    public static final String WEBHOOK_SECRET = "MCPDEPLOY_GITHUB_WEBHOOK_SECRET";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> byName;

    private PlatformSecrets(Map<String, String> byName) {
        this.byName = Map.copyOf(byName);
    }

    /** Five independent 256-bit keys, base64 (the form the services' key settings read). */
    public static PlatformSecrets random() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String name :
                List.of(
                        TEMPORAL_PAYLOAD_KEY,
                        CRYPTO_KEY,
                        TOKEN_PEPPER,
                        GIT_TOKENS_KEY,
                        WEBHOOK_SECRET)) {
            keys.put(name, randomKey());
        }
        return new PlatformSecrets(keys);
    }

    /** The environment variables one service needs: only the keys it reads. */
    public Map<String, String> environmentFor(PlatformService service) {
        List<String> names =
                switch (service) {
                    case GRAPHQL ->
                            List.of(
                                    TEMPORAL_PAYLOAD_KEY,
                                    CRYPTO_KEY,
                                    TOKEN_PEPPER,
                                    GIT_TOKENS_KEY,
                                    WEBHOOK_SECRET);
                    case MCP ->
                            List.of(TEMPORAL_PAYLOAD_KEY, CRYPTO_KEY, TOKEN_PEPPER, GIT_TOKENS_KEY);
                    case WORKER -> List.of(TEMPORAL_PAYLOAD_KEY, CRYPTO_KEY, TOKEN_PEPPER);
                    case DEPLOYER_SERVER -> List.of(TEMPORAL_PAYLOAD_KEY, WEBHOOK_SECRET);
                    case DEPLOYER_WORKER, GIT_SERVER ->
                            List.of(TEMPORAL_PAYLOAD_KEY, GIT_TOKENS_KEY);
                };
        Map<String, String> environment = new LinkedHashMap<>();
        names.forEach(name -> environment.put(name, byName.get(name)));
        return environment;
    }

    /** Every secret value, e.g. to check that none shows where it must not. */
    public List<String> values() {
        return List.copyOf(byName.values());
    }

    public String githubWebhookSecret() {
        return byName.get(WEBHOOK_SECRET);
    }

    public String temporalPayloadKey() {
        return byName.get(TEMPORAL_PAYLOAD_KEY);
    }

    /** Names only: the values must never reach a log. */
    @Override
    public String toString() {
        return "PlatformSecrets" + byName.keySet();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
