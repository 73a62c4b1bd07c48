package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.workflow.deploy.BuildOutput;

/** Where build output goes: the deploy workflow, which stores it in the deployment's build log. */
public interface BuildOutputSink {

    /** Delivers one batch. Throws when it could not; the caller keeps the batch and tries again. */
    void send(String workflowId, BuildOutput output);
}
