package ink.ml.deploy.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.IllegalStatusTransitionException;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BuildSlotsTest {
    private static final int LIMIT = 2;
    private static final int ROUNDS = 5;
    private static final String BUILDING = "Building commit";

    @Inject BuildSlots slots;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject DeploymentFixtures fixtures;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;

    @Test
    void aClaimUnderTheLimitMovesTheDeploymentToBuildingWithItsEvent() {
        Caller caller = users.newCaller();
        UUID queued = queued(caller, "web");

        BuildSlotClaim claim = slots.claim(queued, LIMIT, DeploymentStep.BUILD, BUILDING);

        assertThat(claim).isEqualTo(new BuildSlotClaim(true, 1, LIMIT));
        assertThat(records.statusOf(queued)).isEqualTo(DeploymentStatus.BUILDING);
        assertThat(deployments.events(caller, queued.toString(), 0, 10))
                .last()
                .satisfies(
                        event -> {
                            assertThat(event.step()).isEqualTo("build");
                            assertThat(event.status()).isEqualTo("started");
                            assertThat(event.message()).isEqualTo(BUILDING);
                        });
    }

    @Test
    void atTheLimitTheDeploymentStaysQueuedUntilABuildEnds() {
        Caller caller = users.newCaller();
        UUID first = building(caller, "one");
        UUID second = building(caller, "two");
        UUID third = queued(caller, "three");

        BuildSlotClaim refused = slots.claim(third, LIMIT, DeploymentStep.BUILD, BUILDING);

        assertThat(refused).isEqualTo(new BuildSlotClaim(false, 2, LIMIT));
        assertThat(records.statusOf(third)).isEqualTo(DeploymentStatus.QUEUED);

        records.transition(first, DeploymentStatus.CANCELLED, Optional.empty(), Optional.empty());

        assertThat(slots.claim(third, LIMIT, DeploymentStep.BUILD, BUILDING).claimed()).isTrue();
        assertThat(records.statusOf(third)).isEqualTo(DeploymentStatus.BUILDING);
        assertThat(records.statusOf(second)).isEqualTo(DeploymentStatus.BUILDING);
    }

    @Test
    void anotherUsersBuildsDoNotCount() {
        Caller busy = users.newCaller();
        building(busy, "one");
        building(busy, "two");
        Caller other = users.newCaller();
        UUID queued = queued(other, "web");

        assertThat(slots.claim(queued, LIMIT, DeploymentStep.BUILD, BUILDING))
                .isEqualTo(new BuildSlotClaim(true, 1, LIMIT));
    }

    @Test
    void aRetriedClaimOfABuildingDeploymentKeepsItsSlotWithoutASecondEvent() {
        Caller caller = users.newCaller();
        UUID deployment = queued(caller, "web");
        slots.claim(deployment, LIMIT, DeploymentStep.BUILD, BUILDING);
        building(caller, "other");
        int events = deployments.events(caller, deployment.toString(), 0, 100).size();

        assertThat(slots.claim(deployment, LIMIT, DeploymentStep.BUILD, BUILDING))
                .isEqualTo(new BuildSlotClaim(true, 2, LIMIT));
        assertThat(deployments.events(caller, deployment.toString(), 0, 100)).hasSize(events);
    }

    @Test
    void aDeploymentCancelledWhileWaitingIsNeverMovedToBuilding() {
        Caller caller = users.newCaller();
        UUID deployment = queued(caller, "web");
        records.transition(
                deployment, DeploymentStatus.CANCELLED, Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> slots.claim(deployment, LIMIT, DeploymentStep.BUILD, BUILDING))
                .isInstanceOf(IllegalStatusTransitionException.class);
        assertThat(records.statusOf(deployment)).isEqualTo(DeploymentStatus.CANCELLED);
    }

    @Test
    void twoConcurrentClaimsForTheLastSlotExactlyOneWins() throws Exception {
        Caller caller = users.newCaller();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                UUID running = building(caller, "run" + round);
                List<UUID> racing =
                        List.of(queued(caller, "a" + round), queued(caller, "b" + round));
                CyclicBarrier bothInTransaction = new CyclicBarrier(2);
                List<Future<BuildSlotClaim>> racers = new ArrayList<>();
                for (UUID deployment : racing) {
                    racers.add(pool.submit(() -> race(deployment, bothInTransaction)));
                }
                List<BuildSlotClaim> outcomes = new ArrayList<>();
                for (Future<BuildSlotClaim> racer : racers) {
                    outcomes.add(racer.get(30, TimeUnit.SECONDS));
                }

                assertThat(outcomes)
                        .containsExactlyInAnyOrder(
                                new BuildSlotClaim(true, 2, LIMIT),
                                new BuildSlotClaim(false, 2, LIMIT));
                assertThat(racing.stream().map(records::statusOf))
                        .containsExactlyInAnyOrder(
                                DeploymentStatus.BUILDING, DeploymentStatus.QUEUED);
                // Next round: this user again has exactly one build running.
                records.transition(
                        running, DeploymentStatus.FAILED, Optional.empty(), Optional.empty());
                for (UUID deployment : racing) {
                    records.transition(
                            deployment,
                            DeploymentStatus.CANCELLED,
                            Optional.empty(),
                            Optional.empty());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Opens a transaction, waits until the other racer has one too, then claims: both ask for the
     * last slot before either has committed.
     */
    private BuildSlotClaim race(UUID deployment, CyclicBarrier bothInTransaction) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> {
                            entityManager.createNativeQuery("select 1").getSingleResult();
                            bothInTransaction.await(10, TimeUnit.SECONDS);
                            return slots.claim(deployment, LIMIT, DeploymentStep.BUILD, BUILDING);
                        });
    }

    private UUID queued(Caller caller, String service) {
        UUID serviceId = fixtures.newService(caller, service);
        return UUID.fromString(
                deployments
                        .record(caller, NewDeployment.api(serviceId, fixtures.randomSha()))
                        .id());
    }

    private UUID building(Caller caller, String service) {
        UUID deployment = queued(caller, service);
        records.transition(
                deployment, DeploymentStatus.BUILDING, Optional.empty(), Optional.empty());
        return deployment;
    }
}
