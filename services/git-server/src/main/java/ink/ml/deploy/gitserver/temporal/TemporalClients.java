package ink.ml.deploy.gitserver.temporal;

import ink.ml.deploy.workflow.push.GitPushes;
import io.temporal.client.WorkflowClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * What the git-server starts workflows with. The {@link WorkflowClient} comes from quarkus-temporal
 * as a client only ({@code quarkus.temporal.start-workers=false}), built with the encrypting {@code
 * DataConverter} of libs/workflow-api, so repository and branch names reach Temporal sealed.
 */
@ApplicationScoped
public class TemporalClients {

    @Produces
    @Singleton
    GitPushes gitPushes(WorkflowClient client) {
        return new GitPushes(client);
    }
}
