package ink.ml.deploy.domain;

/** A deployment was asked to move between two statuses that {@link DeploymentStatus} forbids. */
public final class IllegalStatusTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final DeploymentStatus from;
    private final DeploymentStatus to;

    public IllegalStatusTransitionException(DeploymentStatus from, DeploymentStatus to) {
        super(
                "a deployment that is "
                        + from.value()
                        + " cannot become "
                        + to.value()
                        + (from.isTerminal() ? " (it has ended)" : ""));
        this.from = from;
        this.to = to;
    }

    public DeploymentStatus from() {
        return from;
    }

    public DeploymentStatus to() {
        return to;
    }
}
