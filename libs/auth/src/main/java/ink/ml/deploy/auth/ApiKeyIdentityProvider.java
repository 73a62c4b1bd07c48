package ink.ml.deploy.auth;

import ink.ml.deploy.platform.apikeys.ApiKeys;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Verifies {@code dk_live_…} API keys (a CLI, a headless agent) through the platform. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<BearerTokenRequest.ApiKey> {
    private final ApiKeys apiKeys;

    public ApiKeyIdentityProvider(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    public Class<BearerTokenRequest.ApiKey> getRequestType() {
        return BearerTokenRequest.ApiKey.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            BearerTokenRequest.ApiKey request, AuthenticationRequestContext context) {
        // The lookup is a database transaction: off the event loop.
        return context.runBlocking(
                () ->
                        apiKeys.verify(request.token())
                                .map(caller -> CallerIdentities.of(caller, CredentialKind.API_KEY))
                                .orElseThrow(
                                        () ->
                                                new AuthenticationFailedException(
                                                        "the API key is unknown or revoked")));
    }
}
