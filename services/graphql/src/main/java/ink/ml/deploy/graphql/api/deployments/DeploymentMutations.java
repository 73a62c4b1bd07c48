package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.control.DeploymentControl;
import ink.ml.deploy.domain.InvalidValueException;
import ink.ml.deploy.platform.common.Ids;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

/**
 * The mutations that start workflows. They go through libs/control, the same path the MCP tools
 * take: ownership is checked first (NOT_FOUND), then Temporal does every write, and when Temporal
 * cannot be reached they answer UNAVAILABLE with nothing written.
 */
@GraphQLApi
public class DeploymentMutations {
    private final CurrentCaller caller;
    private final DeploymentControl control;

    public DeploymentMutations(CurrentCaller caller, DeploymentControl control) {
        this.caller = caller;
        this.control = control;
    }

    @Mutation("deployService")
    @Description(
            "Deploys the newest commit of the service's branch; a deployment in flight is cancelled"
                    + " (the latest wins).")
    public @NonNull Deployment deployService(@Name("serviceId") @NonNull @Id String serviceId) {
        return Deployment.of(control.deployLatest(caller.get(), Ids.parse("serviceId", serviceId)));
    }

    @Mutation("redeployDeployment")
    @Description("Builds and deploys an earlier deployment's commit again, with its configuration.")
    public @NonNull Deployment redeployDeployment(
            @Name("deploymentId") @NonNull @Id String deploymentId) {
        return Deployment.of(
                control.redeploy(caller.get(), Ids.parse("deploymentId", deploymentId)));
    }

    @Mutation("rollbackDeployment")
    @Description(
            "Puts an earlier deployment's image and configuration back, without a build: a new"
                    + " deployment with trigger ROLLBACK. Give the deployment to go back to, or"
                    + " only the service to go back to its newest earlier deployment that ran (the"
                    + " one before the live one).")
    public @NonNull Deployment rollbackDeployment(
            @Name("deploymentId")
                    @Id
                    @Description("The deployment to go back to; it must have been active.")
                    String deploymentId,
            @Name("serviceId")
                    @Id
                    @Description(
                            "The service to roll back; needed when deploymentId is not given,"
                                    + " and the deployment must then be of it.")
                    String serviceId) {
        if (serviceId == null) {
            if (deploymentId == null) {
                throw new InvalidValueException(
                        "serviceId", "give the service to roll back, or the deploymentId");
            }
            return Deployment.of(
                    control.rollback(caller.get(), Ids.parse("deploymentId", deploymentId)));
        }
        return Deployment.of(
                control.rollbackService(
                        caller.get(), Ids.parse("serviceId", serviceId), deploymentId));
    }

    @Mutation("cancelDeployment")
    @Description(
            "Cancels a deployment in flight; answers once the cancellation is recorded, and the"
                    + " deployment turns CANCELLED when its running step has stopped.")
    public @NonNull Deployment cancelDeployment(
            @Name("deploymentId") @NonNull @Id String deploymentId) {
        return Deployment.of(control.cancel(caller.get(), Ids.parse("deploymentId", deploymentId)));
    }
}
