package ink.ml.deploy.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link DeploymentRecords#recordRuntimeState}: the one rule for what a runtime report may change.
 */
@QuarkusTest
class DeploymentRuntimeStateTest {
    private static final String LOOP = "CrashLoopBackOff: exited with code 1, restarted 4 times";

    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject DeploymentFixtures fixtures;
    @Inject TestUsers users;

    @Test
    void crashOfAnActiveDeploymentMovesItWithAFailedEventAndRecoveryMovesItBack() {
        Caller caller = users.newCaller();
        UUID id = UUID.fromString(fixtures.activeDeployment(caller, newService(caller)).id());

        assertThat(records.recordRuntimeState(id, DeploymentStatus.CRASHED, LOOP))
                .isEqualTo(RuntimeStateChange.MOVED);
        assertThat(deployments.get(caller, id.toString()).status()).isEqualTo("crashed");
        assertThat(deployments.get(caller, id.toString()).finishedAt()).isNull();
        assertThat(lastEvent(caller, id))
                .extracting(
                        DeploymentEventView::step,
                        DeploymentEventView::status,
                        DeploymentEventView::message)
                .containsExactly("active", "failed", "Crashed: " + LOOP);

        assertThat(records.recordRuntimeState(id, DeploymentStatus.ACTIVE, "the app is ready"))
                .isEqualTo(RuntimeStateChange.MOVED);
        assertThat(records.statusOf(id)).isEqualTo(DeploymentStatus.ACTIVE);
        assertThat(lastEvent(caller, id))
                .extracting(DeploymentEventView::status, DeploymentEventView::message)
                .containsExactly("succeeded", "Running again: the app is ready");
    }

    @Test
    void reportOfTheStateItIsAlreadyInWritesNothing() {
        Caller caller = users.newCaller();
        UUID id = UUID.fromString(fixtures.activeDeployment(caller, newService(caller)).id());
        int events = events(caller, id).size();

        assertThat(records.recordRuntimeState(id, DeploymentStatus.ACTIVE, "the app is ready"))
                .isEqualTo(RuntimeStateChange.ALREADY);
        assertThat(events(caller, id)).hasSize(events);
    }

    @Test
    void reportOfADeploymentStillDeployingWritesNothing() {
        Caller caller = users.newCaller();
        UUID serviceId = newService(caller);
        UUID id =
                UUID.fromString(
                        deployments
                                .record(caller, NewDeployment.api(serviceId, fixtures.randomSha()))
                                .id());
        records.transition(id, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        records.setImage(id, fixtures.imageOf(id));
        records.transition(id, DeploymentStatus.DEPLOYING, Optional.empty(), Optional.empty());

        assertThat(records.recordRuntimeState(id, DeploymentStatus.CRASHED, LOOP))
                .isEqualTo(RuntimeStateChange.NOT_LIVE);
        assertThat(records.statusOf(id)).isEqualTo(DeploymentStatus.DEPLOYING);
    }

    @Test
    void refusesAnythingButCrashedOrActiveAndAnEmptyReason() {
        Caller caller = users.newCaller();
        UUID id = UUID.fromString(fixtures.activeDeployment(caller, newService(caller)).id());

        assertThatThrownBy(() -> records.recordRuntimeState(id, DeploymentStatus.REMOVED, "x"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("observed");
        assertThatThrownBy(() -> records.recordRuntimeState(id, DeploymentStatus.CRASHED, " "))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("reason");
        assertThat(records.statusOf(id)).isEqualTo(DeploymentStatus.ACTIVE);
    }

    @Test
    void reportOfAnUnknownDeploymentIsNotFound() {
        assertThatThrownBy(
                        () ->
                                records.recordRuntimeState(
                                        UUID.randomUUID(), DeploymentStatus.CRASHED, LOOP))
                .isInstanceOf(NotFoundException.class);
    }

    private UUID newService(Caller caller) {
        return fixtures.newService(caller, "web");
    }

    private List<DeploymentEventView> events(Caller caller, UUID id) {
        return deployments.events(caller, id.toString(), 0, Deployments.MAX_READ_LIMIT);
    }

    private DeploymentEventView lastEvent(Caller caller, UUID id) {
        List<DeploymentEventView> events = events(caller, id);
        return events.get(events.size() - 1);
    }
}
