package ink.ml.deploy.graphql.api.deployments;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Temporal's address points at a port where nothing listens: the control plane is down. */
public class TemporalDownProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.temporal.connection.target", "127.0.0.1:9");
    }
}
