package ink.ml.deploy.workflow.control;

/** What a {@link DeploymentControlWorkflow} was asked to do. */
public enum ControlAction {
    /** Build and deploy the newest commit of the service's tracked branch. */
    DEPLOY_LATEST,
    /** Build and deploy an earlier deployment's commit again, with its configuration. */
    REDEPLOY,
    /** Put an earlier deployment's image and configuration back, without a build. */
    ROLLBACK,
    /** Stop a deployment that is still in flight. */
    CANCEL
}
