package ink.ml.deploy.github;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native executable must keep for Jackson: the webhook reply graphql and deployer-server
 * answer with. It travels as a {@code Response} entity, which Quarkus REST cannot see at build
 * time, so it is not registered for them.
 */
@RegisterForReflection(targets = WebhookReply.class)
public final class NativeRegistrations {
    private NativeRegistrations() {}
}
