package ink.ml.deploy.graphql.api.errors;

import ink.ml.deploy.control.ControlPlaneUnavailableException;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.observability.ObservabilityUnavailableException;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.DatabaseUnavailable;
import ink.ml.deploy.platform.common.NotFoundException;
import ink.ml.deploy.platform.common.RateLimitedException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * Turns what a resolver threw into what the client is told. Only exceptions that carry a message
 * written for the client are passed on; anything else becomes {@link
 * ErrorCode#INTERNAL_SERVER_ERROR} with a fixed message, so no stack trace, SQL or class name ever
 * leaves the server.
 */
public final class ApiErrors {
    static final String INTERNAL_MESSAGE =
            "internal error: the request could not be completed; it has been logged, try again"
                    + " later";

    private ApiErrors() {}

    /** The client-facing error for {@code thrown}, if it is one we recognise. */
    public static Optional<ApiError> recognise(Throwable thrown) {
        // Found at any depth: the persistence layers wrap what the driver said in their own.
        if (DatabaseUnavailable.isCause(thrown)) {
            return Optional.of(ApiError.of(ErrorCode.UNAVAILABLE, DatabaseUnavailable.MESSAGE));
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            Optional<ApiError> error = direct(t);
            if (error.isPresent()) {
                return error;
            }
            if (!isWrapper(t)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The client-facing error for {@code thrown}; {@link ErrorCode#INTERNAL_SERVER_ERROR} else. */
    public static ApiError of(Throwable thrown) {
        return recognise(thrown).orElse(internal());
    }

    public static ApiError internal() {
        return ApiError.of(ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE);
    }

    private static Optional<ApiError> direct(Throwable t) {
        if (t instanceof ApiException api) {
            return Optional.of(api.error());
        }
        if (t instanceof InvalidValueException invalid) {
            return Optional.of(
                    ApiError.ofField(
                            ErrorCode.BAD_USER_INPUT, invalid.getMessage(), invalid.field()));
        }
        if (t instanceof NotFoundException notFound) {
            return Optional.of(ApiError.of(ErrorCode.NOT_FOUND, notFound.getMessage()));
        }
        if (t instanceof ConflictException conflict) {
            return Optional.of(
                    ApiError.ofField(ErrorCode.CONFLICT, conflict.getMessage(), conflict.field()));
        }
        if (t instanceof RateLimitedException limited) {
            return Optional.of(ApiError.of(ErrorCode.RATE_LIMITED, limited.getMessage()));
        }
        if (t instanceof ControlPlaneUnavailableException unavailable) {
            return Optional.of(ApiError.of(ErrorCode.UNAVAILABLE, unavailable.getMessage()));
        }
        if (t instanceof ObservabilityUnavailableException unavailable) {
            // Names the log or metrics source (Loki, Prometheus, the Docker engine) that failed.
            return Optional.of(ApiError.of(ErrorCode.UNAVAILABLE, unavailable.getMessage()));
        }
        if (t instanceof UnauthorizedException || t instanceof AuthenticationFailedException) {
            return Optional.of(
                    ApiError.of(
                            ErrorCode.UNAUTHENTICATED,
                            "sign in first: send Authorization: Bearer <API key or session"
                                    + " token>"));
        }
        return Optional.empty();
    }

    /**
     * Exceptions that only carry another one: the CDI and reflection layers between SmallRye and a
     * resolver wrap what the resolver threw.
     */
    private static boolean isWrapper(Throwable t) {
        return t instanceof CompletionException
                || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.lang.reflect.UndeclaredThrowableException
                || WRAPPER_NAMES.contains(t.getClass().getName());
    }

    private static final Set<String> WRAPPER_NAMES =
            Set.of(
                    "io.quarkus.arc.ArcUndeclaredThrowableException",
                    "io.smallrye.graphql.transformation.TransformException",
                    "io.smallrye.graphql.execution.datafetcher.DataFetcherException");
}
