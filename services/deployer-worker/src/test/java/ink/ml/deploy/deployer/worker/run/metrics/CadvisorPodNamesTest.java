package ink.ml.deploy.deployer.worker.run.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.metrics.CadvisorQueries;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CadvisorPodNamesTest {
    private static final String CONTAINER_ID =
            "9ea84486f4e86d9996f85eaf0be8a667840b9148d20fac1a09c80e095a3eebaa";

    @Test
    void namesAContainerLikeADeploymentsPodSoTheSourceSelectsItsServiceOnly() {
        ServiceRef web = ServiceRef.of("alice", "shop", "web");
        ServiceRef webApi = ServiceRef.of("alice", "shop", "web-api");

        String pod = CadvisorPodNames.podName(web, DeploymentId.of("dep-2f-9a"), CONTAINER_ID);
        String apiPod =
                CadvisorPodNames.podName(webApi, DeploymentId.of("dep-2f-9a"), CONTAINER_ID);

        assertThat(pod).isEqualTo("web-dep2f9a-9ea84486f4e8");
        // PromQL anchors =~ at both ends, as Java's matches() does.
        assertThat(Pattern.compile(CadvisorQueries.podPattern(web)).matcher(pod).matches())
                .isTrue();
        assertThat(Pattern.compile(CadvisorQueries.podPattern(web)).matcher(apiPod).matches())
                .isFalse();
        assertThat(Pattern.compile(CadvisorQueries.podPattern(webApi)).matcher(apiPod).matches())
                .isTrue();
        assertThat(Pattern.compile(CadvisorQueries.podPattern(webApi)).matcher(pod).matches())
                .isFalse();
    }
}
