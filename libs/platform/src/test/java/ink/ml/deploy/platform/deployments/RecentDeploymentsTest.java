package ink.ml.deploy.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentDeploymentsTest {
    private static DeploymentView deployment(String id, String status, String error) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new DeploymentView(
                id, "s", status, "api", "a".repeat(40), null, null, null, error, at, at, null);
    }

    @Test
    void theLiveDeploymentIsTheActiveOrCrashedOneWhateverCameAfterIt() {
        RecentDeployments crashed =
                new RecentDeployments(
                        List.of(
                                deployment("3", "building", null),
                                deployment("2", "crashed", null),
                                deployment("1", "superseded", null)));
        RecentDeployments none = new RecentDeployments(List.of(deployment("1", "cancelled", null)));

        assertThat(crashed.live()).map(DeploymentView::id).contains("2");
        assertThat(crashed.latest()).map(DeploymentView::id).contains("3");
        assertThat(none.live()).isEmpty();
    }

    @Test
    void theLastErrorIsTheNewestDeploymentThatEndedInOne() {
        RecentDeployments recent =
                new RecentDeployments(
                        List.of(
                                deployment("4", "active", null),
                                deployment("3", "failed", "build: exit 1"),
                                deployment("2", "failed", "rollout: timed out")));

        assertThat(recent.lastError()).map(DeploymentView::id).contains("3");
        assertThat(new RecentDeployments(List.of()).lastError()).isEmpty();
    }
}
