package ink.ml.deploy.domain;

import static ink.ml.deploy.domain.DeploymentStatus.ACTIVE;
import static ink.ml.deploy.domain.DeploymentStatus.BUILDING;
import static ink.ml.deploy.domain.DeploymentStatus.CANCELLED;
import static ink.ml.deploy.domain.DeploymentStatus.CRASHED;
import static ink.ml.deploy.domain.DeploymentStatus.DEPLOYING;
import static ink.ml.deploy.domain.DeploymentStatus.FAILED;
import static ink.ml.deploy.domain.DeploymentStatus.QUEUED;
import static ink.ml.deploy.domain.DeploymentStatus.REMOVED;
import static ink.ml.deploy.domain.DeploymentStatus.SUPERSEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeploymentStatusTest {

    @Test
    void followsTheHappyPathOfABuild() {
        DeploymentStatus status = QUEUED;
        status = status.transitionTo(BUILDING);
        status = status.transitionTo(DEPLOYING);
        status = status.transitionTo(ACTIVE);
        assertThat(status.transitionTo(SUPERSEDED)).isEqualTo(SUPERSEDED);
    }

    @Test
    void rollbackSkipsTheBuild() {
        assertThat(QUEUED.transitionTo(DEPLOYING)).isEqualTo(DEPLOYING);
    }

    @Test
    void crashedServiceCanRecoverOrBeReplaced() {
        assertThat(ACTIVE.transitionTo(CRASHED).transitionTo(ACTIVE)).isEqualTo(ACTIVE);
        assertThat(CRASHED.canTransitionTo(SUPERSEDED)).isTrue();
        assertThat(CRASHED.canTransitionTo(REMOVED)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = DeploymentStatus.class,
            names = {"QUEUED", "BUILDING", "DEPLOYING"})
    void inFlightDeploymentsCanFailOrBeCancelled(DeploymentStatus status) {
        assertThat(status.isInFlight()).isTrue();
        assertThat(status.canTransitionTo(FAILED)).isTrue();
        assertThat(status.canTransitionTo(CANCELLED)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(
            value = DeploymentStatus.class,
            names = {"FAILED", "CANCELLED", "SUPERSEDED", "REMOVED"})
    void endedDeploymentsNeverMoveAgain(DeploymentStatus ended) {
        assertThat(ended.isTerminal()).isTrue();
        for (DeploymentStatus target : DeploymentStatus.values()) {
            assertThatThrownBy(() -> ended.transitionTo(target))
                    .isInstanceOf(IllegalStatusTransitionException.class)
                    .hasMessageContaining("it has ended");
        }
    }

    @Test
    void refusesIllegalMovesNamingBothStatuses() {
        assertThatThrownBy(() -> QUEUED.transitionTo(ACTIVE))
                .isInstanceOf(IllegalStatusTransitionException.class)
                .hasMessage("a deployment that is queued cannot become active");
        assertThatThrownBy(() -> BUILDING.transitionTo(SUPERSEDED))
                .isInstanceOf(IllegalStatusTransitionException.class);
        assertThatThrownBy(() -> ACTIVE.transitionTo(BUILDING))
                .isInstanceOf(IllegalStatusTransitionException.class);
        assertThatThrownBy(() -> ACTIVE.transitionTo(ACTIVE))
                .isInstanceOf(IllegalStatusTransitionException.class);
    }

    @Test
    void theWholeTransitionTableIsExactlyThis() {
        assertThat(QUEUED.next()).isEqualTo(EnumSet.of(BUILDING, DEPLOYING, FAILED, CANCELLED));
        assertThat(BUILDING.next()).isEqualTo(EnumSet.of(DEPLOYING, FAILED, CANCELLED));
        assertThat(DEPLOYING.next()).isEqualTo(EnumSet.of(ACTIVE, FAILED, CANCELLED));
        assertThat(ACTIVE.next()).isEqualTo(EnumSet.of(SUPERSEDED, CRASHED, REMOVED));
        assertThat(CRASHED.next()).isEqualTo(EnumSet.of(ACTIVE, SUPERSEDED, REMOVED));
    }

    @Test
    void liveAndInFlightAreDisjoint() {
        for (DeploymentStatus status : DeploymentStatus.values()) {
            assertThat(status.isLive() && status.isInFlight()).isFalse();
        }
        assertThat(ACTIVE.isLive()).isTrue();
        assertThat(CRASHED.isLive()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(DeploymentStatus.class)
    void storedValuesRoundTrip(DeploymentStatus status) {
        assertThat(DeploymentStatus.fromValue(status.value())).isEqualTo(status);
        assertThat(status.value()).isLowerCase();
    }

    @Test
    void unknownStoredValueNamesTheField() {
        assertThatThrownBy(() -> DeploymentStatus.fromValue("running"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("status: must be one of queued, building");
    }

    @Test
    void queriesReadTheLiveAndInFlightValuesFromTheSameRulesAsTheStatuses() {
        assertThat(DeploymentStatus.liveValues()).containsExactly("active", "crashed");
        assertThat(DeploymentStatus.inFlightValues())
                .containsExactly("queued", "building", "deploying");
    }
}
