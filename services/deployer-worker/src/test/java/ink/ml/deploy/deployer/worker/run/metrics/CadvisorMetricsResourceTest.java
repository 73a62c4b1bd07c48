package ink.ml.deploy.deployer.worker.run.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The exporter's endpoint on a worker whose cluster runs apps on Kubernetes (the default region's
 * target): the kubelet serves those figures, so this one says so. The Docker target's answer is
 * {@link AppContainerMetricsTest}'s, against a real engine.
 */
@QuarkusTest
@WithTestResource(TemporalTestServerResource.class)
class CadvisorMetricsResourceTest {
    @Test
    void onTheKubernetesTargetAnswersNotFoundPointingAtTheKubelet() {
        given().when()
                .get(CadvisorMetricsResource.PATH)
                .then()
                .statusCode(404)
                .body(containsString("the kubelet serves their figures"));
    }
}
