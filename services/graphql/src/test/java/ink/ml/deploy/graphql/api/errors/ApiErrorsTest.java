package ink.ml.deploy.graphql.api.errors;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.NotFoundException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.PersistenceException;
import java.lang.reflect.InvocationTargetException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
    @Test
    void badInputNamesTheField() {
        ApiError error = ApiErrors.of(new InvalidValueException("port", "must be at most 65535"));

        assertThat(error.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
        assertThat(error.field()).contains("port");
        assertThat(error.message()).isEqualTo("port: must be at most 65535");
    }

    @Test
    void platformErrorsKeepTheirMessage() {
        assertThat(ApiErrors.of(new NotFoundException("service", "x")).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        ApiError conflict = ApiErrors.of(new ConflictException("name", "taken"));
        assertThat(conflict.code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(conflict.field()).contains("name");
        assertThat(ApiErrors.of(new UnauthorizedException()).code())
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void aLogOrMetricsSourceDownIsUnavailableNamingIt() {
        ApiError error =
                ApiErrors.of(new ObservabilityUnavailableException("Loki", "timed out after 5 s"));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.message()).isEqualTo("Loki is unavailable: timed out after 5 s");
    }

    @Test
    void aDatabaseThatCannotBeReachedIsUnavailableWithoutQuotingTheDriver() {
        Throwable refused =
                new PersistenceException(
                        "could not execute statement [select p1_0.id from projects p1_0]",
                        new SQLException("Connection to localhost:5432 refused", "08001"));

        ApiError error = ApiErrors.of(new CompletionException(refused));

        assertThat(error.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(error.message())
                .isEqualTo(
                        "the platform's database cannot be reached right now; try again in a few"
                                + " seconds");
    }

    @Test
    void looksThroughWrappersOnly() {
        Throwable wrapped =
                new CompletionException(
                        new InvocationTargetException(new NotFoundException("project", "p")));

        assertThat(ApiErrors.of(wrapped).code()).isEqualTo(ErrorCode.NOT_FOUND);
        // A real failure caused by a validation error is still a failure of ours.
        assertThat(
                        ApiErrors.recognise(
                                new IllegalStateException(
                                        "broken", new InvalidValueException("f", "r"))))
                .isEqualTo(Optional.empty());
    }

    @Test
    void anythingElseIsAnInternalErrorWithoutDetails() {
        ApiError error =
                ApiErrors.of(
                        new RuntimeException(
                                "ERROR: relation \"services\" does not exist; select * from"
                                        + " services"));

        assertThat(error.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
        assertThat(error.message()).doesNotContain("select", "services");
        assertThat(error.field()).isEmpty();
    }
}
