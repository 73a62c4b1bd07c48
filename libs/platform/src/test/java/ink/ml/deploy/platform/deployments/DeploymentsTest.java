package ink.ml.deploy.platform.deployments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.BuildCommand;
import ink.ml.deploy.domain.DeploymentStatus;
import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.domain.GitSha;
import ink.ml.deploy.domain.IllegalStatusTransitionException;
import ink.ml.deploy.domain.ImageRef;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.RegistryHost;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.services.UpdateServiceRequest;
import ink.ml.deploy.platform.variables.Variables;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeploymentsTest {
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject DeploymentFixtures fixtures;
    @Inject TestUsers users;
    @Inject EntityManager entityManager;
    @Inject Services services;
    @Inject Variables variables;

    @Test
    void recordedDeploymentIsQueuedThenBuildsDeploysAndGoesActive() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        GitSha sha = fixtures.randomSha();

        DeploymentView queued = deployments.record(caller, NewDeployment.api(serviceId, sha));
        UUID id = UUID.fromString(queued.id());

        assertThat(queued.status()).isEqualTo("queued");
        assertThat(queued.trigger()).isEqualTo("api");
        assertThat(queued.serviceId()).isEqualTo(serviceId.toString());
        assertThat(queued.commitSha()).isEqualTo(sha.value());
        assertThat(queued.imageRef()).isNull();
        assertThat(queued.finishedAt()).isNull();
        DeploymentSnapshot snapshot = records.snapshotFor(id);
        assertThat(snapshot.workflowId()).isEqualTo("deploy-" + id);
        assertThat(snapshot.config())
                .isEqualTo(
                        new ConfigSnapshot(
                                8080,
                                512,
                                500,
                                "",
                                "Dockerfile",
                                "main",
                                "auto",
                                null,
                                null,
                                null,
                                ConfigSnapshot.Source.github("acme/web")));
        assertThat(snapshot.service().namespace()).isEqualTo("dp-" + caller.id() + "-default");
        assertThat(snapshot.image()).isEmpty();

        assertThat(transition(id, DeploymentStatus.BUILDING).status()).isEqualTo("building");
        ImageRef image = fixtures.imageOf(id);
        assertThat(records.setImage(id, image).imageRef()).isEqualTo(image.reference());
        assertThat(transition(id, DeploymentStatus.DEPLOYING).status()).isEqualTo("deploying");
        DeploymentView active = transition(id, DeploymentStatus.ACTIVE);

        assertThat(active.status()).isEqualTo("active");
        assertThat(active.finishedAt()).isNull();
        assertThat(deployments.get(caller, queued.id())).isEqualTo(active);
        assertThat(records.snapshotFor(id).image()).contains(image);
    }

    @Test
    void configSnapshotIsStoredAsJsonTheDatabaseCanQuery() {
        Caller caller = users.newCaller();
        UUID id = record(caller, fixtures.newService(caller, "web"));

        Object[] row =
                QuarkusTransaction.requiringNew()
                        .call(
                                () ->
                                        (Object[])
                                                entityManager
                                                        .createNativeQuery(
                                                                "select jsonb_typeof(config_snapshot),"
                                                                        + " config_snapshot->>'memoryMi',"
                                                                        + " config_snapshot->'source'->>'githubRepo'"
                                                                        + " from deployments where id = ?1")
                                                        .setParameter(1, id)
                                                        .getSingleResult());

        assertThat(row).containsExactly("object", "512", "acme/web");
    }

    @Test
    void newerActiveDeploymentSupersedesThePreviousOne() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView first = fixtures.activeDeployment(caller, serviceId);

        DeploymentView second = fixtures.activeDeployment(caller, serviceId);

        DeploymentView previous = deployments.get(caller, first.id());
        assertThat(previous.status()).isEqualTo("superseded");
        assertThat(previous.finishedAt()).isNotNull();
        assertThat(second.status()).isEqualTo("active");
        assertThat(deployments.latest(caller, serviceId.toString())).contains(second);
    }

    @Test
    void crashedDeploymentIsAlsoSupersededByANewerActiveOne() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView first = fixtures.activeDeployment(caller, serviceId);
        transition(
                UUID.fromString(first.id()),
                DeploymentStatus.CRASHED,
                Optional.of("rollout"),
                Optional.of("the container exited with code 1"));

        fixtures.activeDeployment(caller, serviceId);

        assertThat(deployments.get(caller, first.id()).status()).isEqualTo("superseded");
    }

    @Test
    void refusesIllegalTransitionsAndChangesNothing() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView queued =
                deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));
        UUID id = UUID.fromString(queued.id());

        assertThatThrownBy(
                        () ->
                                records.transition(
                                        id,
                                        DeploymentStatus.ACTIVE,
                                        Optional.of("rollout"),
                                        Optional.of("should not be stored")))
                .isInstanceOf(IllegalStatusTransitionException.class)
                .hasMessage("a deployment that is queued cannot become active");
        assertThat(deployments.get(caller, queued.id())).isEqualTo(queued);

        DeploymentView cancelled = transition(id, DeploymentStatus.CANCELLED);
        assertThatThrownBy(() -> transition(id, DeploymentStatus.BUILDING))
                .isInstanceOf(IllegalStatusTransitionException.class)
                .hasMessage("a deployment that is cancelled cannot become building (it has ended)");
        assertThat(deployments.get(caller, queued.id())).isEqualTo(cancelled);
    }

    @Test
    void terminalStatusSetsFinishedAtAndStoresTheErrorCutToItsLimit() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        UUID id =
                UUID.fromString(
                        deployments
                                .record(caller, NewDeployment.api(serviceId, fixtures.randomSha()))
                                .id());
        transition(id, DeploymentStatus.BUILDING);

        DeploymentView failed =
                transition(
                        id,
                        DeploymentStatus.FAILED,
                        Optional.of("build"),
                        Optional.of("step 3/7 failed:\u001b[31m " + "x".repeat(5000)));

        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.finishedAt()).isNotNull().isEqualTo(failed.updatedAt());
        assertThat(failed.errorStep()).isEqualTo("build");
        assertThat(failed.errorMessage())
                .hasSize(DeploymentRecords.MAX_MESSAGE_LENGTH)
                .startsWith("step 3/7 failed:[31m x")
                .endsWith("x…");
        assertThat(deployments.get(caller, failed.id())).isEqualTo(failed);
    }

    @Test
    void refusesASecondInFlightDeploymentOfTheSameService() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView first =
                deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));

        assertThatThrownBy(
                        () ->
                                deployments.record(
                                        caller,
                                        NewDeployment.gitPush(serviceId, fixtures.randomSha())))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith(
                        "serviceId: a deployment is already in progress for this service")
                .satisfies(e -> assertThat(((ConflictException) e).field()).isEqualTo("serviceId"));
        assertThatThrownBy(
                        () ->
                                records.recordForService(
                                        NewDeployment.gitPush(serviceId, fixtures.randomSha())))
                .isInstanceOf(ConflictException.class);
        assertThat(deployments.list(caller, serviceId.toString(), PageRequest.firstPage()).items())
                .containsExactly(first);
    }

    @Test
    void anotherServicesDeploymentDoesNotBlockThisOne() {
        Caller caller = users.newCaller();
        UUID web = fixtures.newService(caller, "web");
        UUID api = fixtures.newService(caller, "api");
        deployments.record(caller, NewDeployment.api(web, fixtures.randomSha()));

        assertThat(
                        deployments
                                .record(caller, NewDeployment.api(api, fixtures.randomSha()))
                                .status())
                .isEqualTo("queued");
    }

    @Test
    void databaseRefusesASecondInFlightRowEvenWithoutTheBean() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));

        assertThatThrownBy(() -> insertRaw(serviceId, "building"))
                .hasStackTraceContaining("deployments_one_in_flight");
    }

    @Test
    void databaseRefusesASecondLiveRowEvenWithoutTheBean() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        fixtures.activeDeployment(caller, serviceId);

        assertThatThrownBy(() -> insertRaw(serviceId, "crashed"))
                .hasStackTraceContaining("deployments_one_live");
    }

    @Test
    void rollbackReusesTheEarlierImageConfigAndVariablesWithoutABuild() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView good = fixtures.activeDeployment(caller, serviceId);
        fixtures.activeDeployment(caller, serviceId);

        DeploymentView rollback = deployments.rollback(caller, good.id());

        assertThat(rollback.status()).isEqualTo("queued");
        assertThat(rollback.trigger()).isEqualTo("rollback");
        assertThat(rollback.rollbackOf()).isEqualTo(good.id());
        assertThat(rollback.imageRef()).isEqualTo(good.imageRef());
        assertThat(rollback.commitSha()).isEqualTo(good.commitSha());
        UUID id = UUID.fromString(rollback.id());
        DeploymentSnapshot earlier = records.snapshotFor(UUID.fromString(good.id()));
        DeploymentSnapshot snapshot = records.snapshotFor(id);
        assertThat(snapshot.config()).isEqualTo(earlier.config());
        assertThat(snapshot.env()).isEqualTo(earlier.env());
        assertThat(snapshot.image()).isEqualTo(earlier.image()).isPresent();

        // No build: straight from queued to deploying, then live.
        transition(id, DeploymentStatus.DEPLOYING);
        assertThat(transition(id, DeploymentStatus.ACTIVE).status()).isEqualTo("active");
    }

    @Test
    void redeployBuildsTheEarlierCommitAgainWithItsConfigAndVariables() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView earlier = fixtures.activeDeployment(caller, serviceId);
        services.update(
                caller, serviceId.toString(), UpdateServiceRequest.builder().port(9090).build());

        DeploymentView again = deployments.redeploy(caller, earlier.id());

        assertThat(again.status()).isEqualTo("queued");
        assertThat(again.trigger()).isEqualTo("api");
        assertThat(again.commitSha()).isEqualTo(earlier.commitSha());
        assertThat(again.imageRef()).isNull();
        assertThat(again.rollbackOf()).isNull();
        DeploymentSnapshot before = records.snapshotFor(UUID.fromString(earlier.id()));
        DeploymentSnapshot snapshot = records.snapshotFor(UUID.fromString(again.id()));
        assertThat(snapshot.config()).isEqualTo(before.config());
        assertThat(snapshot.config().port()).isEqualTo(8080);
        assertThat(snapshot.env()).isEqualTo(before.env());
    }

    @Test
    void anotherUserCannotRedeployADeployment() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        UUID serviceId = fixtures.newService(owner, "web");
        DeploymentView earlier = fixtures.activeDeployment(owner, serviceId);

        assertThatThrownBy(() -> deployments.redeploy(stranger, earlier.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(deployments.latest(owner, serviceId.toString())).contains(earlier);
    }

    @Test
    void onlyAnInFlightDeploymentOfTheCallerIsCancellable() {
        Caller owner = users.newCaller();
        UUID serviceId = fixtures.newService(owner, "web");
        DeploymentView active = fixtures.activeDeployment(owner, serviceId);
        DeploymentView queued =
                deployments.record(owner, NewDeployment.api(serviceId, fixtures.randomSha()));

        assertThat(deployments.cancellable(owner, queued.id())).isEqualTo(queued);
        assertThatThrownBy(() -> deployments.cancellable(owner, active.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is already active");
        assertThatThrownBy(() -> deployments.cancellable(users.newCaller(), queued.id()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aCancellationRequestIsAnEventAndLeavesTheStatusToTheDeployWorkflow() {
        Caller owner = users.newCaller();
        UUID serviceId = fixtures.newService(owner, "web");
        DeploymentView active = fixtures.activeDeployment(owner, serviceId);
        DeploymentView queued =
                deployments.record(owner, NewDeployment.api(serviceId, fixtures.randomSha()));

        DeploymentView requested = deployments.recordCancellationRequest(owner, queued.id());

        assertThat(requested.status()).isEqualTo("queued");
        assertThat(deployments.events(owner, queued.id(), 0, 10))
                .last()
                .satisfies(
                        event -> {
                            assertThat(event.step()).isEqualTo("cancel");
                            assertThat(event.message())
                                    .isEqualTo(Deployments.CANCELLATION_REQUESTED);
                        });
        assertThatThrownBy(() -> deployments.recordCancellationRequest(owner, active.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("is already active");
        assertThat(deployments.events(owner, active.id(), 0, 100))
                .noneMatch(event -> event.step().equals("cancel"));
    }

    @Test
    void rollbackTargetIsCheckedWithoutRecordingAnything() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView good = fixtures.activeDeployment(caller, serviceId);
        DeploymentView failed = fixtures.failedDeployment(caller, serviceId);

        assertThat(deployments.rollbackTarget(caller, good.id())).isEqualTo(good);
        assertThatThrownBy(() -> deployments.rollbackTarget(caller, failed.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("never produced an image");
        assertThat(deployments.latest(caller, serviceId.toString())).contains(failed);
    }

    @Test
    void refusesToRollBackToADeploymentThatNeverProducedAnImage() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView failed = fixtures.failedDeployment(caller, serviceId);

        assertThatThrownBy(() -> deployments.rollback(caller, failed.id()))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("never produced an image (it is failed)");
        assertThat(deployments.latest(caller, serviceId.toString())).contains(failed);
    }

    @Test
    void anImageTaggedWithTheCommitAloneStillReadsBack() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        UUID id =
                UUID.fromString(
                        deployments
                                .record(caller, NewDeployment.api(serviceId, fixtures.randomSha()))
                                .id());
        transition(id, DeploymentStatus.BUILDING);
        DeploymentSnapshot snapshot = records.snapshotFor(id);
        ImageRef shaOnly =
                ImageRef.of(
                        RegistryHost.of("127.0.0.1:5000"), snapshot.service(), snapshot.commit());

        records.setImage(id, shaOnly);

        assertThat(records.snapshotFor(id).image()).contains(shaOnly);
        assertThat(shaOnly.reference()).endsWith(":" + snapshot.commit().value());
    }

    @Test
    void theConfigSnapshotCarriesTheServicesBuildCommands() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        services.update(
                caller,
                serviceId.toString(),
                UpdateServiceRequest.builder()
                        .buildStrategy("node")
                        .installCommand("npm ci")
                        .startCommand("node server.js")
                        .build());

        UUID id =
                UUID.fromString(
                        deployments
                                .record(caller, NewDeployment.api(serviceId, fixtures.randomSha()))
                                .id());

        ConfigSnapshot config = records.snapshotFor(id).config();
        assertThat(config.buildStrategy()).isEqualTo("node");
        assertThat(config.installCommand()).isEqualTo("npm ci");
        assertThat(config.buildCommand()).isNull();
        assertThat(config.startCommand()).isEqualTo("node server.js");
        assertThat(config.buildSettings().startCommand().map(BuildCommand::value))
                .contains("node server.js");
    }

    @Test
    void refusesAnImageOfAnotherCommit() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        UUID id =
                UUID.fromString(
                        deployments
                                .record(caller, NewDeployment.api(serviceId, fixtures.randomSha()))
                                .id());
        transition(id, DeploymentStatus.BUILDING);
        ImageRef wrong =
                ImageRef.of(
                        RegistryHost.of("127.0.0.1:5000"),
                        records.snapshotFor(id).service(),
                        fixtures.randomSha());

        assertThatThrownBy(() -> records.setImage(id, wrong))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("image: ");
        assertThat(records.snapshotFor(id).image()).isEmpty();
    }

    @Test
    void everyDeploymentStartsWithAQueuedEventAndEventsAppendInOrderAndCanBeFollowedAfterAnId() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView deployment =
                deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));
        UUID id = UUID.fromString(deployment.id());

        DeploymentEventView first = deployments.events(caller, deployment.id(), 0, 100).get(0);
        assertThat(first.message()).isEqualTo("queued: deploy requested");
        records.appendEvent(id, DeploymentStep.CLONE, EventStatus.STARTED, "cloning");
        records.appendEvent(id, DeploymentStep.CLONE, EventStatus.SUCCEEDED, "cloned");
        records.appendEvent(
                id, DeploymentStep.BUILD, EventStatus.FAILED, "y".repeat(5000) + "\u0000");

        List<DeploymentEventView> all = deployments.events(caller, deployment.id(), 0, 100);
        assertThat(all)
                .extracting(e -> e.step() + "/" + e.status())
                .containsExactly("queued/info", "clone/started", "clone/succeeded", "build/failed");
        assertThat(all.get(0)).isEqualTo(first);
        assertThat(all.get(3).message())
                .hasSize(DeploymentRecords.MAX_MESSAGE_LENGTH)
                .endsWith("y…");
        assertThat(deployments.events(caller, deployment.id(), first.id(), 2))
                .extracting(DeploymentEventView::message)
                .containsExactly("cloning", "cloned");
    }

    @Test
    void logLinesAppendInOrderAndARetriedAppendStoresNothingTwice() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView deployment =
                deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));
        UUID id = UUID.fromString(deployment.id());

        assertThat(records.appendLogLines(id, 1, List.of("#1 [internal] load", "#2 FROM")))
                .isEqualTo(2);
        // The activity retries after a timeout, re-sending what was already stored plus more.
        assertThat(
                        records.appendLogLines(
                                id,
                                1,
                                List.of("#1 [internal] load", "#2 FROM", "#3 RUN", "#4 done")))
                .isEqualTo(2);
        assertThat(records.appendLogLines(id, 3, List.of("#3 RUN", "#4 done"))).isZero();

        assertThat(deployments.logLines(caller, deployment.id(), 0, 100))
                .extracting(l -> l.lineNo() + " " + l.line())
                .containsExactly("1 #1 [internal] load", "2 #2 FROM", "3 #3 RUN", "4 #4 done");
        assertThat(deployments.logLines(caller, deployment.id(), 2, 1))
                .extracting(LogLineView::line)
                .containsExactly("#3 RUN");
    }

    @Test
    void theLastLogLinesAreTheEndOfTheBuildFirstLineFirstAndCanBeSearched() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView deployment =
                deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));
        UUID id = UUID.fromString(deployment.id());
        records.appendLogLines(
                id, 1, List.of("#1 load", "#2 FROM", "#3 RUN npm ci", "#4 ERROR: npm ci failed"));

        assertThat(
                        deployments.lastLogLines(
                                caller, deployment.id(), Optional.empty(), Optional.empty(), 2))
                .extracting(l -> l.lineNo() + " " + l.line())
                .containsExactly("3 #3 RUN npm ci", "4 #4 ERROR: npm ci failed");
        assertThat(
                        deployments.lastLogLines(
                                caller, deployment.id(), Optional.of(3), Optional.empty(), 5))
                .extracting(LogLineView::lineNo)
                .containsExactly(1, 2);
        assertThat(
                        deployments.lastLogLines(
                                caller, deployment.id(), Optional.empty(), Optional.of("npm"), 5))
                .extracting(LogLineView::lineNo)
                .containsExactly(3, 4);
        Caller stranger = users.newCaller();
        assertThatThrownBy(
                        () ->
                                deployments.lastLogLines(
                                        stranger,
                                        deployment.id(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        5))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void logLinesLoseControlCharactersButKeepTabsAndAreCutToTheColumnLimit() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView deployment =
                deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));
        UUID id = UUID.fromString(deployment.id());

        records.appendLogLines(
                id, 1, List.of("\u001b[32mok\u001b[0m\tdone\r", "z".repeat(10_000), "a\u0000b\nc"));

        List<LogLineView> lines = deployments.logLines(caller, deployment.id(), 0, 10);
        assertThat(lines.get(0).line()).isEqualTo("[32mok[0m\tdone");
        assertThat(lines.get(1).line())
                .hasSize(DeploymentRecords.MAX_LOG_LINE_LENGTH)
                .endsWith("z…");
        assertThat(lines.get(2).line()).isEqualTo("abc");
        assertThatThrownBy(() -> records.appendLogLines(id, 0, List.of("x")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("firstLineNo: ");
    }

    @Test
    void listsNewestFirstAndStaysStableWhenADeploymentIsRecordedBetweenPages() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        List<String> recorded = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recorded.add(fixtures.failedDeployment(caller, serviceId).id());
        }
        List<String> newestFirst = new ArrayList<>(recorded);
        Collections.reverse(newestFirst);

        Page<DeploymentView> page =
                deployments.list(caller, serviceId.toString(), PageRequest.of(2, null));
        List<String> seen = new ArrayList<>(page.items().stream().map(DeploymentView::id).toList());
        DeploymentView late = fixtures.failedDeployment(caller, serviceId);
        while (page.hasNextPage()) {
            page =
                    deployments.list(
                            caller,
                            serviceId.toString(),
                            PageRequest.of(2, page.endCursor().orElseThrow()));
            seen.addAll(page.items().stream().map(DeploymentView::id).toList());
        }

        assertThat(seen).containsExactlyElementsOf(newestFirst).doesNotContain(late.id());
        assertThat(deployments.list(caller, serviceId.toString(), PageRequest.of(1, null)).items())
                .containsExactly(late);
    }

    @Test
    void latestByServiceGivesTheNewestDeploymentOfEachOfTheCallersServices() {
        Caller caller = users.newCaller();
        Caller stranger = users.newCaller();
        UUID web = fixtures.newService(caller, "web");
        UUID api = fixtures.newService(caller, "api");
        UUID idle = fixtures.newService(caller, "idle");
        UUID theirs = fixtures.newService(stranger, "web");
        fixtures.activeDeployment(caller, web);
        DeploymentView webLatest =
                deployments.record(caller, NewDeployment.api(web, fixtures.randomSha()));
        fixtures.failedDeployment(caller, api);
        DeploymentView apiLatest = fixtures.failedDeployment(caller, api);
        fixtures.failedDeployment(stranger, theirs);

        Map<UUID, DeploymentView> latest =
                deployments.latestByService(caller, List.of(web, api, idle, theirs, web));

        assertThat(latest).containsOnly(Map.entry(web, webLatest), Map.entry(api, apiLatest));
        assertThat(deployments.latestByService(caller, List.of())).isEmpty();
        assertThat(deployments.latest(caller, idle.toString())).isEmpty();
    }

    @Test
    void eventsByDeploymentPagesTheEventsOfEachOfTheCallersDeploymentsOnly() {
        Caller caller = users.newCaller();
        Caller stranger = users.newCaller();
        DeploymentView web =
                deployments.record(
                        caller,
                        NewDeployment.api(
                                fixtures.newService(caller, "web"), fixtures.randomSha()));
        DeploymentView api =
                deployments.record(
                        caller,
                        NewDeployment.api(
                                fixtures.newService(caller, "api"), fixtures.randomSha()));
        DeploymentView theirs =
                deployments.record(
                        stranger,
                        NewDeployment.api(
                                fixtures.newService(stranger, "web"), fixtures.randomSha()));
        for (String message : List.of("cloning", "cloned", "building")) {
            records.appendEvent(
                    UUID.fromString(web.id()), DeploymentStep.CLONE, EventStatus.INFO, message);
        }
        records.appendEvent(
                UUID.fromString(api.id()), DeploymentStep.CLONE, EventStatus.INFO, "api cloning");
        List<UUID> ids =
                List.of(web.id(), api.id(), theirs.id()).stream().map(UUID::fromString).toList();

        Map<UUID, List<DeploymentEventView>> firstTwo =
                deployments.eventsByDeployment(caller, ids, 0, 2);

        assertThat(firstTwo.keySet())
                .containsExactlyInAnyOrder(UUID.fromString(web.id()), UUID.fromString(api.id()));
        assertThat(firstTwo.get(UUID.fromString(web.id())))
                .isEqualTo(deployments.events(caller, web.id(), 0, 2));
        assertThat(firstTwo.get(UUID.fromString(api.id())))
                .extracting(DeploymentEventView::message)
                .containsExactly("queued: deploy requested", "api cloning");
        long after = firstTwo.get(UUID.fromString(web.id())).get(1).id();
        Map<UUID, List<DeploymentEventView>> next =
                deployments.eventsByDeployment(caller, ids, after, 2);
        assertThat(next.get(UUID.fromString(web.id())))
                .extracting(DeploymentEventView::message)
                .containsExactly("cloned", "building");
        // Event ids grow across deployments: api's event came after web's third.
        assertThat(next.get(UUID.fromString(api.id())))
                .extracting(DeploymentEventView::message)
                .containsExactly("api cloning");
        assertThat(deployments.eventsByDeployment(caller, List.of(), 0, 2)).isEmpty();
    }

    @Test
    void lastEventsAreTheNewestOnesOldestFirst() {
        Caller caller = users.newCaller();
        DeploymentView deployment =
                deployments.record(
                        caller,
                        NewDeployment.api(
                                fixtures.newService(caller, "web"), fixtures.randomSha()));
        for (int i = 1; i <= 5; i++) {
            records.appendEvent(
                    UUID.fromString(deployment.id()),
                    DeploymentStep.BUILD,
                    EventStatus.INFO,
                    "step " + i);
        }

        assertThat(deployments.lastEvents(caller, deployment.id(), 3))
                .extracting(DeploymentEventView::message)
                .containsExactly("step 3", "step 4", "step 5");
        assertThat(deployments.lastEvents(caller, deployment.id(), 100)).hasSize(6);
        assertThatThrownBy(() -> deployments.lastEvents(users.newCaller(), deployment.id(), 3))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void envSnapshotIsCiphertextInTheTableAndOpensForTheWorkflow() {
        Caller caller = users.newCaller();
        UUID serviceId =
                fixtures.newService(
                        caller, "web", Map.of("DATABASE_URL", "postgres://app:hunter2@db/app"));
        UUID id = record(caller, serviceId);

        Object[] row = rawEnv(id);
        assertThat(row[1]).isEqualTo("test-2");
        assertThat(new String((byte[]) row[0], StandardCharsets.ISO_8859_1))
                .doesNotContain("hunter2")
                .doesNotContain("DATABASE_URL");
        assertThat(records.snapshotFor(id).env())
                .containsExactly(
                        Map.entry(EnvVarName.of("DATABASE_URL"), "postgres://app:hunter2@db/app"));
    }

    @Test
    void envSnapshotKeepsTheVariablesAsTheyWereWhenRecorded() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web", Map.of("MODE", "blue"));
        DeploymentView blue = fixtures.activeDeployment(caller, serviceId);
        variables.set(caller, serviceId.toString(), Map.of("MODE", "green"));
        fixtures.activeDeployment(caller, serviceId);

        DeploymentView rollback = deployments.rollback(caller, blue.id());

        assertThat(records.snapshotFor(UUID.fromString(rollback.id())).env())
                .containsExactly(Map.entry(EnvVarName.of("MODE"), "blue"));
    }

    @Test
    void envSnapshotCopiedToAnotherDeploymentDoesNotOpen() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web", Map.of("TOKEN", "s3cret"));
        DeploymentView first = fixtures.failedDeployment(caller, serviceId);
        UUID second = record(caller, serviceId);

        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "update deployments set (env_snapshot, env_key_id) ="
                                                        + " (select env_snapshot, env_key_id from"
                                                        + " deployments where id = ?1) where id ="
                                                        + " ?2")
                                        .setParameter(1, UUID.fromString(first.id()))
                                        .setParameter(2, second)
                                        .executeUpdate());

        assertThatThrownBy(() -> records.snapshotFor(second))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void deletedServiceCannotBeDeployedButItsHistoryStaysReadable() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView failed = fixtures.failedDeployment(caller, serviceId);

        services.delete(caller, serviceId.toString());

        assertThatThrownBy(
                        () ->
                                deployments.record(
                                        caller, NewDeployment.api(serviceId, fixtures.randomSha())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () ->
                                records.recordForService(
                                        NewDeployment.gitPush(serviceId, fixtures.randomSha())))
                .isInstanceOf(NotFoundException.class);
        assertThat(deployments.get(caller, failed.id())).isEqualTo(failed);
    }

    @Test
    void snapshotToStringNeverShowsVariableValues() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentSnapshot snapshot =
                records.snapshotFor(
                        UUID.fromString(
                                deployments
                                        .record(
                                                caller,
                                                NewDeployment.api(serviceId, fixtures.randomSha()))
                                        .id()));
        DeploymentSnapshot withSecret =
                new DeploymentSnapshot(
                        snapshot.id(),
                        snapshot.serviceId(),
                        snapshot.service(),
                        snapshot.region(),
                        snapshot.status(),
                        snapshot.trigger(),
                        snapshot.commit(),
                        snapshot.image(),
                        snapshot.config(),
                        Map.of(EnvVarName.of("DB_PASSWORD"), "hunter2"),
                        snapshot.workflowId());

        assertThat(withSecret.toString()).contains("DB_PASSWORD").doesNotContain("hunter2");
    }

    @Test
    void anotherUsersDeploymentsAreNotFoundAndStayUnchanged() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        UUID serviceId = fixtures.newService(owner, "web");
        DeploymentView active = fixtures.activeDeployment(owner, serviceId);
        String service = serviceId.toString();

        assertThatThrownBy(
                        () ->
                                deployments.record(
                                        stranger,
                                        NewDeployment.api(serviceId, fixtures.randomSha())))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("service " + serviceId + " not found");
        assertThatThrownBy(() -> deployments.get(stranger, active.id()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("deployment " + active.id() + " not found");
        assertThatThrownBy(() -> deployments.rollback(stranger, active.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deployments.list(stranger, service, PageRequest.firstPage()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deployments.latest(stranger, service))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deployments.events(stranger, active.id(), 0, 10))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> deployments.logLines(stranger, active.id(), 0, 10))
                .isInstanceOf(NotFoundException.class);
        assertThat(deployments.latestByService(stranger, List.of(serviceId))).isEmpty();

        assertThat(deployments.list(owner, service, PageRequest.firstPage()).items())
                .containsExactly(active);
    }

    @Test
    void refusesMalformedInputNamingTheField() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView deployment =
                deployments.record(caller, NewDeployment.api(serviceId, fixtures.randomSha()));

        assertThatThrownBy(() -> deployments.get(caller, "not-an-id"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("deploymentId: ");
        assertThatThrownBy(() -> deployments.list(caller, "", PageRequest.firstPage()))
                .hasMessageStartingWith("serviceId: ");
        assertThatThrownBy(() -> NewDeployment.api(serviceId, null))
                .hasMessage("commitSha: must not be empty");
        assertThatThrownBy(
                        () ->
                                new NewDeployment(
                                        serviceId,
                                        DeploymentTrigger.ROLLBACK,
                                        fixtures.randomSha()))
                .hasMessageStartingWith("trigger: ");
        assertThatThrownBy(() -> deployments.events(caller, deployment.id(), 0, 0))
                .hasMessageStartingWith("limit: ");
        assertThatThrownBy(() -> deployments.logLines(caller, deployment.id(), 0, 1001))
                .hasMessageStartingWith("limit: ");
        assertThatThrownBy(() -> records.snapshotFor(UUID.randomUUID()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () ->
                                records.appendEvent(
                                        UUID.randomUUID(),
                                        DeploymentStep.BUILD,
                                        EventStatus.INFO,
                                        "x"))
                .isInstanceOf(NotFoundException.class);
    }

    private UUID record(Caller caller, UUID serviceId) {
        return UUID.fromString(
                deployments
                        .record(caller, NewDeployment.api(serviceId, fixtures.randomSha()))
                        .id());
    }

    private Object[] rawEnv(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () ->
                                (Object[])
                                        entityManager
                                                .createNativeQuery(
                                                        "select env_snapshot, env_key_id from"
                                                                + " deployments where id = ?1")
                                                .setParameter(1, id)
                                                .getSingleResult());
    }

    private DeploymentView transition(UUID id, DeploymentStatus target) {
        return records.transition(id, target, Optional.empty(), Optional.empty());
    }

    private DeploymentView transition(
            UUID id, DeploymentStatus target, Optional<String> step, Optional<String> message) {
        return records.transition(id, target, step, message);
    }

    /** Inserts a deployment row directly, bypassing every check of the bean. */
    private void insertRaw(UUID serviceId, String status) {
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                entityManager
                                        .createNativeQuery(
                                                "insert into deployments (id, service_id, status,"
                                                        + " trigger, config_snapshot) values (?1, ?2,"
                                                        + " ?3, 'api', '{}'::jsonb)")
                                        .setParameter(1, UUID.randomUUID())
                                        .setParameter(2, serviceId)
                                        .setParameter(3, status)
                                        .executeUpdate());
    }
}
