package ink.ml.deploy.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.observability.logs.LogLine;
import ink.ml.deploy.observability.logs.LogQuery;
import ink.ml.deploy.observability.logs.LogStream;
import ink.ml.deploy.observability.testing.RecordedObservability;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.deployments.DeploymentFixtures;
import ink.ml.deploy.platform.deployments.DeploymentView;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceLogsTest {
    @Inject ServiceLogs logs;
    @Inject RecordedObservability sources;
    @Inject DeploymentFixtures fixtures;
    @Inject TestUsers users;

    @Test
    void readsTheNewestLinesOfTheLastHourWhenNothingIsGiven() {
        Caller caller = users.newCaller();
        String serviceId = fixtures.newService(caller, "web").toString();
        ServiceRef ref = refOf(caller, "web");
        Instant now = Instant.now();
        sources.write(ref, line(now.minus(Duration.ofHours(2)), "too old"));
        sources.write(ref, line(now.minus(Duration.ofMinutes(30)), "half an hour ago"));
        sources.write(ref, line(now.minus(Duration.ofMinutes(1)), "a minute ago"));

        RuntimeLogPage page = logs.read(caller, serviceId, LogRequest.newest());

        assertThat(page.lines())
                .extracting(LogLine::text)
                .containsExactly("half an hour ago", "a minute ago");
        assertThat(page.hasOlder()).isFalse();
        LogQuery query = sources.logQueries(ref).get(0);
        assertThat(Duration.between(query.since(), query.until())).isEqualTo(Duration.ofHours(1));
        assertThat(query.limit()).isEqualTo(ServiceLogs.DEFAULT_LIMIT);
        assertThat(query.search()).isEmpty();
        assertThat(query.deployment()).isEmpty();
    }

    @Test
    void theSourceIsAskedAboutTheServicesOwnNamespaceAndRegion() {
        Caller caller = users.newCaller();
        String serviceId = fixtures.newService(caller, "api").toString();

        logs.read(caller, serviceId, LogRequest.newest());

        ServiceRef ref = refOf(caller, "api");
        assertThat(ref.namespace()).isEqualTo("dp-" + caller.id() + "-default");
        assertThat(sources.logQueries(ref)).hasSize(1);
        assertThat(sources.regionsAsked()).contains(Region.of("eu-central-1"));
    }

    @Test
    void olderPagesFollowTheCursorInsideTheFirstPagesWindow() {
        Caller caller = users.newCaller();
        String serviceId = fixtures.newService(caller, "web").toString();
        ServiceRef ref = refOf(caller, "web");
        Instant now = Instant.now();
        for (int minutesAgo = 50; minutesAgo >= 10; minutesAgo -= 10) {
            sources.write(ref, line(now.minus(Duration.ofMinutes(minutesAgo)), minutesAgo + "m"));
        }
        LogRequest twoAtATime = LogRequest.newest().withLimit(Optional.of(2));

        RuntimeLogPage newest = logs.read(caller, serviceId, twoAtATime);
        RuntimeLogPage older =
                logs.read(caller, serviceId, twoAtATime.withAfter(newest.olderCursor()));
        RuntimeLogPage oldest =
                logs.read(caller, serviceId, twoAtATime.withAfter(older.olderCursor()));

        assertThat(newest.lines()).extracting(LogLine::text).containsExactly("20m", "10m");
        assertThat(older.lines()).extracting(LogLine::text).containsExactly("40m", "30m");
        assertThat(oldest.lines()).extracting(LogLine::text).containsExactly("50m");
        assertThat(oldest.hasOlder()).isFalse();
        assertThat(older.since()).isEqualTo(newest.since());
        assertThat(oldest.since()).isEqualTo(newest.since());
        assertThat(older.until()).isEqualTo(newest.lines().get(0).timestamp());
    }

    @Test
    void searchAndAnExplicitWindowReachTheSource() {
        Caller caller = users.newCaller();
        String serviceId = fixtures.newService(caller, "web").toString();
        ServiceRef ref = refOf(caller, "web");
        Instant until = Instant.parse("2026-01-31T12:00:00Z");
        Instant since = until.minus(Duration.ofDays(2));
        sources.write(ref, line(until.minus(Duration.ofDays(1)), "GET /health 200"));
        sources.write(ref, line(until.minus(Duration.ofDays(1)), "GET /orders 500"));

        RuntimeLogPage page =
                logs.read(
                        caller,
                        serviceId,
                        LogRequest.newest()
                                .withSince(Optional.of(since))
                                .withUntil(Optional.of(until))
                                .withSearch(Optional.of("500")));

        assertThat(page.lines()).extracting(LogLine::text).containsExactly("GET /orders 500");
        assertThat(page.since()).isEqualTo(since);
        assertThat(page.until()).isEqualTo(until);
    }

    @Test
    void pagesAreCappedAndBadInputIsRefusedNamingTheArgument() {
        Caller caller = users.newCaller();
        String serviceId = fixtures.newService(caller, "web").toString();
        Instant now = Instant.now();

        assertRefused(
                () ->
                        logs.read(
                                caller,
                                serviceId,
                                LogRequest.newest().withLimit(Optional.of(LogQuery.MAX_LIMIT + 1))),
                "limit");
        assertRefused(
                () ->
                        logs.read(
                                caller,
                                serviceId,
                                LogRequest.newest().withAfter(Optional.of("not-a-cursor"))),
                "after");
        assertRefused(
                () ->
                        logs.read(
                                caller,
                                serviceId,
                                LogRequest.newest()
                                        .withSince(Optional.of(now.minus(Duration.ofDays(8))))
                                        .withUntil(Optional.of(now))),
                "since");
        assertRefused(
                () ->
                        logs.read(
                                caller,
                                serviceId,
                                LogRequest.newest().withSearch(Optional.of("a\nb"))),
                "search");
    }

    @Test
    void anotherUsersServiceIsNotFoundAndItsSourceIsNeverAsked() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        String serviceId = fixtures.newService(owner, "web").toString();

        assertThatThrownBy(() -> logs.read(stranger, serviceId, LogRequest.newest()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("service " + serviceId + " not found");
        assertThatThrownBy(() -> logs.tail(stranger, serviceId, Optional.empty(), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(
                        () ->
                                logs.lastLinesOf(
                                        stranger, serviceId, UUID.randomUUID().toString(), 20))
                .isInstanceOf(NotFoundException.class);
        assertThat(sources.logQueries(refOf(owner, "web"))).isEmpty();
    }

    @Test
    void aDeploymentFilterTakesOnlyThatServicesDeployments() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        UUID otherServiceId = fixtures.newService(caller, "worker");
        DeploymentView first = fixtures.activeDeployment(caller, serviceId);
        DeploymentView second = fixtures.activeDeployment(caller, serviceId);
        DeploymentView elsewhere = fixtures.activeDeployment(caller, otherServiceId);
        ServiceRef ref = refOf(caller, "web");
        Instant now = Instant.now();
        sources.write(ref, line(now.minusSeconds(20), "from the first", first));
        sources.write(ref, line(now.minusSeconds(10), "from the second", second));

        RuntimeLogPage page =
                logs.read(
                        caller,
                        serviceId.toString(),
                        LogRequest.newest().withDeploymentId(Optional.of(first.id())));

        assertThat(page.lines()).extracting(LogLine::text).containsExactly("from the first");
        assertRefused(
                () ->
                        logs.read(
                                caller,
                                serviceId.toString(),
                                LogRequest.newest().withDeploymentId(Optional.of(elsewhere.id()))),
                "deploymentId");
        Caller stranger = users.newCaller();
        UUID strangersService = fixtures.newService(stranger, "web");
        DeploymentView strangers = fixtures.activeDeployment(stranger, strangersService);
        assertThatThrownBy(
                        () ->
                                logs.read(
                                        caller,
                                        serviceId.toString(),
                                        LogRequest.newest()
                                                .withDeploymentId(Optional.of(strangers.id()))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aSourceThatIsDownIsUnavailableNamingIt() {
        Caller caller = users.newCaller();
        String serviceId = fixtures.newService(caller, "web").toString();
        sources.takeDown(refOf(caller, "web"));

        assertThatThrownBy(() -> logs.read(caller, serviceId, LogRequest.newest()))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessageStartingWith("Loki is unavailable");
    }

    @Test
    void theLastLinesOfAFailedDeploymentAreItsOwn() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView active = fixtures.activeDeployment(caller, serviceId);
        DeploymentView failed = fixtures.failedDeployment(caller, serviceId);
        ServiceRef ref = refOf(caller, "web");
        // Written after the deployment was recorded, as its container would.
        Instant started = failed.createdAt();
        sources.write(ref, line(started.plusNanos(1_000), "serving", active));
        sources.write(ref, line(started.plusNanos(2_000), "listening on 3000", failed));
        sources.write(
                ref, line(started.plusNanos(3_000), "Error: DATABASE_URL is not set", failed));

        Optional<RecentRuntimeLines> explained =
                logs.explainingFailureOf(caller, serviceId.toString(), 20);

        assertThat(explained).isPresent();
        assertThat(explained.get().lines())
                .extracting(LogLine::text)
                .containsExactly("listening on 3000", "Error: DATABASE_URL is not set");
        assertThat(explained.get().unavailable()).isEmpty();
        fixtures.activeDeployment(caller, serviceId);
        assertThat(logs.explainingFailureOf(caller, serviceId.toString(), 20)).isEmpty();
    }

    @Test
    void theLastLinesSayLogsAreUnavailableInsteadOfFailing() {
        Caller caller = users.newCaller();
        UUID serviceId = fixtures.newService(caller, "web");
        DeploymentView failed = fixtures.failedDeployment(caller, serviceId);
        sources.takeDown(refOf(caller, "web"));

        RecentRuntimeLines lines = logs.lastLinesOf(caller, serviceId.toString(), failed.id(), 20);

        assertThat(lines.lines()).isEmpty();
        assertThat(lines.unavailable())
                .hasValueSatisfying(
                        note ->
                                assertThat(note)
                                        .startsWith("logs unavailable: Loki is unavailable"));
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    static ServiceRef refOf(Caller caller, String service) {
        return ServiceRef.of(caller.id(), "default", service);
    }

    private static LogLine line(Instant at, String text) {
        return new LogLine(at, LogStream.STDOUT, text, Optional.empty());
    }

    private static LogLine line(Instant at, String text, DeploymentView deployment) {
        return new LogLine(
                at, LogStream.STDERR, text, Optional.of(DeploymentId.of(deployment.id())));
    }
}
