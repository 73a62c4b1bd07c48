package ink.ml.deploy.graphql.temporal;

import ink.ml.deploy.workflow.push.GitPushes;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What graphql starts workflows with. The {@link WorkflowClient} itself comes from quarkus-temporal
 * as a client only ({@code quarkus.temporal.start-workers=false}: graphql never polls a queue),
 * built with the encrypting {@code DataConverter} that libs/workflow-api produces, so every payload
 * reaches Temporal sealed. Inject {@code WorkflowClient} for other workflows.
 */
public class TemporalClients {

    @Produces
    @Singleton
    GitPushes gitPushes(WorkflowClient client) {
        return new GitPushes(client);
    }
}
