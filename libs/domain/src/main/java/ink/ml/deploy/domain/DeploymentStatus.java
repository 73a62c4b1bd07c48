package ink.ml.deploy.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Where a deployment is in its life. The only way to move it is {@link #transitionTo}, which
 * refuses every move not listed here; the database repeats the allowed values in a check
 * constraint.
 *
 * <pre>
 * queued ──► building ──► deploying ──► active ──► superseded | removed
 *   │           │             ▲  │         ▲ │
 *   │           │             │  │         │ ▼
 *   └───────────┼─────────────┘  │      crashed ──► superseded | removed
 *   (rollback:  ▼ no build)      ▼
 *   failed | cancelled ◄─────────┘   (from queued, building and deploying)
 * </pre>
 */
public enum DeploymentStatus {
    QUEUED,
    BUILDING,
    DEPLOYING,
    ACTIVE,
    FAILED,
    CANCELLED,
    SUPERSEDED,
    CRASHED,
    REMOVED;

    /** The value stored in the database and shown in APIs, e.g. {@code building}. */
    public String value() {
        return StoredValues.of(this);
    }

    public static DeploymentStatus fromValue(String value) {
        return StoredValues.parse(DeploymentStatus.class, "status", value);
    }

    /** The moves allowed from this status. */
    public Set<DeploymentStatus> next() {
        return switch (this) {
            // Rollbacks reuse an image, so they go from queued straight to deploying.
            case QUEUED -> EnumSet.of(BUILDING, DEPLOYING, FAILED, CANCELLED);
            case BUILDING -> EnumSet.of(DEPLOYING, FAILED, CANCELLED);
            case DEPLOYING -> EnumSet.of(ACTIVE, FAILED, CANCELLED);
            case ACTIVE -> EnumSet.of(SUPERSEDED, CRASHED, REMOVED);
            // A crash loop that recovers (e.g. a database came back) is active again.
            case CRASHED -> EnumSet.of(ACTIVE, SUPERSEDED, REMOVED);
            case FAILED, CANCELLED, SUPERSEDED, REMOVED -> EnumSet.noneOf(DeploymentStatus.class);
        };
    }

    public boolean canTransitionTo(DeploymentStatus target) {
        return next().contains(target);
    }

    /**
     * Moves to {@code target} or throws {@link IllegalStatusTransitionException}; never silently
     * keeps a stale status.
     */
    public DeploymentStatus transitionTo(DeploymentStatus target) {
        if (!canTransitionTo(target)) {
            throw new IllegalStatusTransitionException(this, target);
        }
        return target;
    }

    /** Nothing can happen to the deployment any more. */
    public boolean isTerminal() {
        return next().isEmpty();
    }

    /** Work is still going on: at most one such deployment per service. */
    public boolean isInFlight() {
        return this == QUEUED || this == BUILDING || this == DEPLOYING;
    }

    /** The deployment's pods are what serves the service now: at most one per service. */
    public boolean isLive() {
        return this == ACTIVE || this == CRASHED;
    }

    /** The stored values of the in-flight statuses, for queries: {@link #isInFlight()} decides. */
    public static List<String> inFlightValues() {
        return valuesWhere(DeploymentStatus::isInFlight);
    }

    /** The stored values of the live statuses, for queries: {@link #isLive()} decides. */
    public static List<String> liveValues() {
        return valuesWhere(DeploymentStatus::isLive);
    }

    private static List<String> valuesWhere(Predicate<DeploymentStatus> rule) {
        return Arrays.stream(values()).filter(rule).map(DeploymentStatus::value).toList();
    }
}
