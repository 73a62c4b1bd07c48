package ink.ml.deploy.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.IllegalStatusTransitionException;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.pagination.PageRequest;
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

/**
 * Two transactions racing to record the in-flight deployment of one service: the database decides.
 */
@QuarkusTest
class DeploymentRaceTest {
    private static final int ROUNDS = 5;

    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject DeploymentFixtures fixtures;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;

    @Test
    void twoConcurrentRecordsOfOneServiceExactlyOneWinsTheOtherGetsAConflict() throws Exception {
        Caller caller = users.newCaller();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                UUID serviceId = fixtures.newService(caller, "web" + round);
                CyclicBarrier bothInTransaction = new CyclicBarrier(2);
                List<Future<Object>> racers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    racers.add(pool.submit(() -> race(caller, serviceId, bothInTransaction)));
                }
                List<Object> outcomes = new ArrayList<>();
                for (Future<Object> racer : racers) {
                    outcomes.add(racer.get(30, TimeUnit.SECONDS));
                }

                assertThat(outcomes).filteredOn(DeploymentView.class::isInstance).hasSize(1);
                assertThat(outcomes)
                        .filteredOn(ConflictException.class::isInstance)
                        .singleElement()
                        .satisfies(
                                e ->
                                        assertThat(((ConflictException) e).field())
                                                .isEqualTo("serviceId"));
                DeploymentView winner =
                        (DeploymentView)
                                outcomes.stream()
                                        .filter(DeploymentView.class::isInstance)
                                        .findFirst()
                                        .orElseThrow();
                assertThat(
                                deployments
                                        .list(caller, serviceId.toString(), PageRequest.firstPage())
                                        .items())
                        .containsExactly(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentTransitionsOfOneDeploymentAreSerializedByTheRowLock() throws Exception {
        Caller caller = users.newCaller();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                UUID serviceId = fixtures.newService(caller, "api" + round);
                UUID id =
                        UUID.fromString(
                                deployments
                                        .record(
                                                caller,
                                                NewDeployment.api(serviceId, fixtures.randomSha()))
                                        .id());
                CyclicBarrier bothInTransaction = new CyclicBarrier(2);
                // Either end is fine alone; after one, the other is a move out of a final state.
                Future<Object> cancel =
                        pool.submit(() -> end(id, DeploymentStatus.CANCELLED, bothInTransaction));
                Future<Object> fail =
                        pool.submit(() -> end(id, DeploymentStatus.FAILED, bothInTransaction));
                List<Object> outcomes =
                        List.of(cancel.get(30, TimeUnit.SECONDS), fail.get(30, TimeUnit.SECONDS));

                assertThat(outcomes).filteredOn(DeploymentView.class::isInstance).hasSize(1);
                assertThat(outcomes)
                        .filteredOn(IllegalStatusTransitionException.class::isInstance)
                        .hasSize(1);
                DeploymentView winner =
                        (DeploymentView)
                                outcomes.stream()
                                        .filter(DeploymentView.class::isInstance)
                                        .findFirst()
                                        .orElseThrow();
                assertThat(deployments.get(caller, id.toString())).isEqualTo(winner);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Object end(UUID id, DeploymentStatus target, CyclicBarrier bothInTransaction) {
        try {
            return QuarkusTransaction.requiringNew()
                    .call(
                            () -> {
                                entityManager.createNativeQuery("select 1").getSingleResult();
                                bothInTransaction.await(10, TimeUnit.SECONDS);
                                return records.transition(
                                        id, target, Optional.empty(), Optional.of(target.value()));
                            });
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalStatusTransitionException refused) {
                    return refused;
                }
            }
            throw e;
        }
    }

    /**
     * Opens a transaction, waits until the other racer has one too, then records: both inserts meet
     * at the unique index, neither having seen the other's row.
     */
    private Object race(Caller caller, UUID serviceId, CyclicBarrier bothInTransaction) {
        try {
            return QuarkusTransaction.requiringNew()
                    .call(
                            () -> {
                                entityManager.createNativeQuery("select 1").getSingleResult();
                                bothInTransaction.await(10, TimeUnit.SECONDS);
                                return deployments.record(
                                        caller, NewDeployment.api(serviceId, fixtures.randomSha()));
                            });
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConflictException conflict) {
                    return conflict;
                }
            }
            throw e;
        }
    }
}
