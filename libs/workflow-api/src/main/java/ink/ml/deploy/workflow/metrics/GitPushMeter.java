package ink.ml.deploy.workflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@value PlatformMeters#GIT_PUSHES}: pushes to the internal git-server, tagged {@code outcome}
 * ({@code accepted} or {@code refused}) and {@code reason} ({@code none} when accepted).
 */
public final class GitPushMeter {
    /** Why a push was refused. */
    public enum Refusal {
        /** No token, or one that is malformed, forged, expired or revoked (401). */
        UNAUTHENTICATED,
        /** A token of another repository, or a read token pushing (403), or over a quota. */
        FORBIDDEN,
        /** Not a valid push request (400): a ref name git would not send, a wrong content type. */
        INVALID,
        /** The pack was stored for none of the refs, or only some: non-fast-forward, ref rules. */
        REF_REJECTED,
        /** The pack was too large, corrupt or cut off: nothing stored. */
        UNPACK_FAILED,
        /** A fault on the server's side. */
        FAILED
    }

    private final MeterRegistry registry;

    public GitPushMeter(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A push whose every ref was stored. */
    public void accepted() {
        registry.counter(PlatformMeters.GIT_PUSHES, "outcome", "accepted", "reason", "none")
                .increment();
    }

    public void refused(Refusal reason) {
        registry.counter(
                        PlatformMeters.GIT_PUSHES,
                        "outcome",
                        "refused",
                        "reason",
                        PlatformMeters.tag(reason))
                .increment();
    }
}
