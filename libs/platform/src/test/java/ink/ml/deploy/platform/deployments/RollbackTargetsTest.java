package ink.ml.deploy.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RollbackTargetsTest {
    @Inject RollbackTargets targets;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject DeploymentFixtures fixtures;
    @Inject TestUsers users;

    @Test
    void withoutANamedTargetTheNewestEarlierDeploymentThatRanIsChosen() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        fixtures.activeDeployment(caller, serviceId);
        DeploymentView previous = fixtures.activeDeployment(caller, serviceId);
        fixtures.activeDeployment(caller, serviceId);
        builtButNeverLive(caller, serviceId);

        DeploymentView target = targets.of(caller, serviceId.toString(), null);

        assertThat(target.id()).isEqualTo(previous.id());
        assertThat(target.status()).isEqualTo("superseded");
    }

    @Test
    void withoutAnEarlierDeploymentThatRanThereIsNothingToRollBackTo() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        fixtures.activeDeployment(caller, serviceId);
        builtButNeverLive(caller, serviceId);
        fixtures.failedDeployment(caller, serviceId);

        assertThatThrownBy(() -> targets.of(caller, serviceId.toString(), null))
                .isInstanceOf(ConflictException.class)
                .hasMessage(
                        "deploymentId: this service has no earlier deployment that ran, so there"
                                + " is nothing to roll back to");
    }

    @Test
    void aDeploymentWhoseImageNeverWentLiveIsNoTargetEvenWhenNamed() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        fixtures.activeDeployment(caller, serviceId);
        DeploymentView failed = builtButNeverLive(caller, serviceId);

        assertThatThrownBy(() -> targets.of(caller, serviceId.toString(), failed.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("never went live (it is failed)");
        assertThatThrownBy(() -> deployments.rollback(caller, failed.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("never went live (it is failed)");
    }

    @Test
    void aNamedTargetMustBeOfTheServiceRolledBack() {
        Caller caller = users.newCaller();
        UUID web = fixtures.newService(caller, "web");
        UUID api = fixtures.newService(caller, "api");
        DeploymentView ofApi = fixtures.activeDeployment(caller, api);
        DeploymentView ofWeb = fixtures.activeDeployment(caller, web);

        assertThatThrownBy(() -> targets.of(caller, web.toString(), ofApi.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(targets.of(caller, web.toString(), ofWeb.id())).isEqualTo(ofWeb);
    }

    @Test
    void anotherUsersServiceIsNotFoundWithOrWithoutATarget() {
        Caller owner = users.newCaller();
        UUID serviceId = fixtures.newService(owner, "web");
        DeploymentView first = fixtures.activeDeployment(owner, serviceId);
        fixtures.activeDeployment(owner, serviceId);
        Caller stranger = users.newCaller();

        assertThatThrownBy(() -> targets.of(stranger, serviceId.toString(), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> targets.of(stranger, serviceId.toString(), first.id()))
                .isInstanceOf(NotFoundException.class);
    }

    /** A deployment whose build pushed an image but whose rollout failed. */
    private DeploymentView builtButNeverLive(Caller caller, UUID serviceId) {
        DeploymentView queued =
                deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));
        UUID id = UUID.fromString(queued.id());
        records.transition(id, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        records.setImage(id, fixtures.imageOf(id));
        records.transition(id, DeploymentStatus.DEPLOYING, Optional.empty(), Optional.empty());
        return records.transition(
                id,
                DeploymentStatus.FAILED,
                Optional.of("rollout"),
                Optional.of("port 3000 never answered"));
    }
}
