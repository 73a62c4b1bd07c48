package ink.ml.deploy.graphql.auth;

import ink.ml.deploy.auth.BearerAuthenticationMechanism;
import ink.ml.deploy.auth.RefusalFormat;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A refused credential in the GraphQL error shape ({@code extensions.code = UNAUTHENTICATED}), and
 * one that could not be checked ({@code UNAVAILABLE}), so a dashboard and a GraphQL client read
 * them like any other error of this API.
 */
@ApplicationScoped
public class GraphqlRefusalFormat implements RefusalFormat {
    @Override
    public String challenge(String refusal) {
        return refusal == null
                ? BearerAuthenticationMechanism.SCHEME
                : BearerAuthenticationMechanism.SCHEME + " error=\"invalid_token\"";
    }

    @Override
    public String body(String refusal) {
        return ErrorBody.of(ErrorBody.UNAUTHENTICATED, refusal);
    }

    @Override
    public String unavailableBody(String message) {
        return ErrorBody.of(ErrorBody.UNAVAILABLE, message);
    }
}
