package ink.ml.deploy.platform.oauth;

import ink.ml.deploy.platform.common.Caller;
import java.time.Instant;
import java.util.UUID;

/** A presented access token that is live and meant for the resource that checked it. */
public record VerifiedAccessToken(
        UUID tokenId,
        UUID grantId,
        Caller caller,
        String clientId,
        String scope,
        Instant expiresAt) {}
