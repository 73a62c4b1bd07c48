package ink.ml.deploy.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.observability.metrics.MetricsWindow;
import ink.ml.deploy.observability.metrics.ResourceSeries;
import ink.ml.deploy.observability.metrics.Sample;
import ink.ml.deploy.observability.testing.RecordedObservability;
import ink.ml.deploy.platform.TestUsers;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.Services;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ServiceMetricsTest {
    @Inject ServiceMetrics metrics;
    @Inject RecordedObservability sources;
    @Inject Services services;
    @Inject TestUsers users;

    @Test
    void readsTheLastHourInSixtyStepsWithThePlansLimits() {
        Caller caller = users.newCaller();
        String serviceId = service(caller, "web", 1024, "2");
        ServiceRef ref = ServiceLogsTest.refOf(caller, "web");
        Sample working = new Sample(Instant.parse("2026-01-31T12:00:00Z"), 136.0 * 1024 * 1024);
        sources.record(
                ref,
                new ResourceSeries(List.of(working), List.of(), List.of(), List.of(), List.of()));

        ServiceMetricsView view =
                metrics.read(caller, serviceId, Optional.empty(), Optional.empty());

        assertThat(view.series().memoryWorkingSetBytes()).containsExactly(working);
        assertThat(view.window().range()).isEqualTo(Duration.ofHours(1));
        assertThat(view.window().step()).isEqualTo(Duration.ofMinutes(1));
        assertThat(view.limits()).isEqualTo(new ResourceLimits(1024.0 * 1024 * 1024, 2.0));
        assertThat(sources.windows(ref)).containsExactly(view.window());
    }

    @Test
    void rangeAndStepAreReadAsPrometheusDurations() {
        Caller caller = users.newCaller();
        String serviceId = service(caller, "web", 512, "0.5");

        ServiceMetricsView view =
                metrics.read(caller, serviceId, Optional.of("15m"), Optional.of("30s"));
        ServiceMetricsView week =
                metrics.read(caller, serviceId, Optional.of("7d"), Optional.empty());

        assertThat(view.window().range()).isEqualTo(Duration.ofMinutes(15));
        assertThat(view.window().step()).isEqualTo(Duration.ofSeconds(30));
        assertThat(week.window().step()).isEqualTo(Duration.ofMinutes(168));
        assertThat(view.limits()).isEqualTo(new ResourceLimits(512.0 * 1024 * 1024, 0.5));
    }

    @Test
    void durationsThatAreNotPrometheusOnesAndTooManyPointsAreRefusedNamingTheArgument() {
        Caller caller = users.newCaller();
        String serviceId = service(caller, "web", 512, "0.5");

        assertRefused(
                () -> metrics.read(caller, serviceId, Optional.of("1 hour"), Optional.empty()),
                "range");
        assertRefused(
                () -> metrics.read(caller, serviceId, Optional.of("1h"), Optional.of("1h30m")),
                "step");
        assertRefused(
                () -> metrics.read(caller, serviceId, Optional.of("7d"), Optional.of("1s")),
                "step");
        assertRefused(
                () -> metrics.read(caller, serviceId, Optional.of("31d"), Optional.empty()),
                "range");
        assertThat(sources.windows(ServiceLogsTest.refOf(caller, "web"))).isEmpty();
    }

    @Test
    void anotherUsersServiceIsNotFound() {
        Caller owner = users.newCaller();
        Caller stranger = users.newCaller();
        String serviceId = service(owner, "web", 512, "0.5");

        assertThatThrownBy(
                        () -> metrics.read(stranger, serviceId, Optional.empty(), Optional.empty()))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("service " + serviceId + " not found");
        assertThat(sources.windows(ServiceLogsTest.refOf(owner, "web"))).isEmpty();
    }

    @Test
    void aPrometheusThatIsDownIsUnavailableNamingIt() {
        Caller caller = users.newCaller();
        String serviceId = service(caller, "web", 512, "0.5");
        sources.takeDown(ServiceLogsTest.refOf(caller, "web"));

        assertThatThrownBy(
                        () -> metrics.read(caller, serviceId, Optional.empty(), Optional.empty()))
                .isInstanceOf(ObservabilityUnavailableException.class)
                .hasMessageStartingWith("Prometheus is unavailable");
    }

    @Test
    void theDefaultStepIsAtLeastTheSmallestOne() {
        assertThat(ServiceMetrics.defaultStep(Duration.ofSeconds(30)))
                .isEqualTo(MetricsWindow.MIN_STEP);
        assertThat(ServiceMetrics.defaultStep(Duration.ofHours(1)))
                .isEqualTo(Duration.ofMinutes(1));
    }

    private String service(Caller caller, String name, int memoryMi, String vcpu) {
        return services.create(
                        caller,
                        CreateServiceRequest.builder(name)
                                .githubRepo("acme/" + name)
                                .memoryMi(memoryMi)
                                .vcpu(vcpu)
                                .build())
                .id();
    }

    private static void assertRefused(Runnable call, String field) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        InvalidValueException.class, e -> assertThat(e.field()).isEqualTo(field));
    }
}
