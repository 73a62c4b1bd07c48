package ink.ml.deploy.graphql.temporal;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Temporal's address points at a port where nothing listens: the control plane is down. Its calls
 * stop retrying after 1 s, so each refusal comes quickly. One profile for every such test: each
 * distinct profile costs a Quarkus build of its own.
 */
public class TemporalDownProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.temporal.connection.target",
                "127.0.0.1:9",
                "quarkus.temporal.connection.rpc-retry.expiration",
                "1s");
    }
}
