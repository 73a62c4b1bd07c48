package ink.ml.deploy.graphql;

import ink.ml.deploy.graphql.auth.github.SignInResult;
import ink.ml.deploy.graphql.github.GithubInstallationCallbackResource;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native executable must keep for Jackson: the JSON bodies this service's REST endpoints
 * answer with inside a {@code Response}, which Quarkus REST cannot see at build time. GraphQL types
 * are registered by SmallRye GraphQL; Temporal payloads by libs/workflow-api.
 */
@RegisterForReflection(
        targets = {SignInResult.class, GithubInstallationCallbackResource.CallbackReply.class})
public final class NativeRegistrations {
    private NativeRegistrations() {}
}
