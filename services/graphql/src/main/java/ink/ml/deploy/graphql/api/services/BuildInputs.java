package ink.ml.deploy.graphql.api.services;

import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.services.Services;
import java.util.Objects;

/**
 * The strategy an input gives: {@code build}, or {@code buildStrategy}, the name this API gave it
 * before it had more than one value. Clients written against the old name keep working.
 */
final class BuildInputs {
    private BuildInputs() {}

    static String strategy(String build, String buildStrategy) {
        if (build != null && buildStrategy != null && !Objects.equals(build, buildStrategy)) {
            throw new InvalidValueException(
                    Services.BUILD_FIELD,
                    "give build or its old name buildStrategy, not both with different values");
        }
        return build != null ? build : buildStrategy;
    }
}
