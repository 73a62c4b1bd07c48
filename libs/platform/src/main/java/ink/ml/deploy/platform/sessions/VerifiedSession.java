package ink.ml.deploy.platform.sessions;

import ink.ml.deploy.platform.common.Caller;
import java.time.Instant;
import java.util.UUID;

/**
 * A presented session token that is live: who it signs in, and which session it is (for logout).
 */
public record VerifiedSession(UUID sessionId, Caller caller, Instant expiresAt) {}
