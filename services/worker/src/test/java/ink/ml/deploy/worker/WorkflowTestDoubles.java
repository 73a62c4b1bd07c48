package ink.ml.deploy.worker;

/**
 * The test doubles of activities used by the {@code TestWorkflowEnvironment} tests are indexed by
 * Quarkus too when a {@code @QuarkusTest} boots the app from the same test classes, and
 * quarkus-temporal registers every activity implementation it finds. Binding them to this worker
 * (annotation {@code @TemporalActivity(workers = WORKER)}) keeps them off the real {@code default}
 * worker, whose product-plane activities they would otherwise duplicate.
 */
public final class WorkflowTestDoubles {
    public static final String WORKER = "workflow-unit-test-doubles";

    private WorkflowTestDoubles() {}
}
