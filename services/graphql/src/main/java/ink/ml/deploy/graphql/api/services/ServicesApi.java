package ink.ml.deploy.graphql.api.services;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.control.CreatedService;
import ink.ml.deploy.control.DeploymentControl;
import ink.ml.deploy.control.FirstDeployment;
import ink.ml.deploy.control.ServiceCreation;
import ink.ml.deploy.graphql.api.errors.InputFields;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.graphql.api.projects.Project;
import ink.ml.deploy.graphql.api.variables.VariableInputs;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.common.ConflictException;
import ink.ml.deploy.platform.common.Ids;
import ink.ml.deploy.platform.pagination.Page;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.services.CreateServiceRequest;
import ink.ml.deploy.platform.services.ServiceView;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.services.UpdateServiceRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class ServicesApi {
    /** The domain rules' field names that differ from this API's input fields. */
    static final Map<String, String> CREATE_FIELDS =
            Map.of("service", "name", "memory", "memoryMi");

    private static final Map<String, String> UPDATE_FIELDS = Map.of("memory", "memoryMi");

    private final CurrentCaller caller;
    private final Services services;
    private final ServiceCreation creation;
    private final DeploymentControl control;

    public ServicesApi(
            CurrentCaller caller,
            Services services,
            ServiceCreation creation,
            DeploymentControl control) {
        this.caller = caller;
        this.services = services;
        this.creation = creation;
        this.control = control;
    }

    @Query("service")
    public @NonNull Service service(@Name("id") @NonNull @Id String id) {
        return Service.of(services.get(caller.get(), id));
    }

    /**
     * Batched: one page of services for every project in the response, in a fixed number of
     * statements however many projects a page holds.
     */
    @Description("The project's live services, oldest first.")
    public List<@NonNull ServiceConnection> services(
            @Source List<Project> projects,
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        Caller who = caller.get();
        PageRequest request = Pages.request(first, after);
        List<UUID> ids = projects.stream().map(p -> UUID.fromString(p.id())).toList();
        Map<UUID, Page<ServiceView>> pages = services.listByProjects(who, ids, request);
        return ids.stream()
                .map(id -> new ServiceConnection(pages.getOrDefault(id, Page.empty()), id))
                .toList();
    }

    @Mutation("createService")
    @Description(
            "A new service in one of your projects, with its initial variables, and its first"
                    + " deployment of the branch's newest commit (unless deploy is false). When the"
                    + " deployment service is unreachable nothing is created (UNAVAILABLE).")
    public @NonNull Service createService(
            @Name("input") @NonNull CreateServiceInput input,
            @Name("deploy") @DefaultValue("true") @Description("Deploy it at once (default).")
                    boolean deploy) {
        Caller who = caller.get();
        CreatedService created =
                InputFields.renamed(
                        CREATE_FIELDS, () -> creation.create(who, requestOf(input), deploy));
        Service service = Service.of(created.service());
        if (created.firstDeployment() instanceof FirstDeployment.Refused refused) {
            throw new ConflictException(
                    refused.field(),
                    "service "
                            + service.name()
                            + " was created (id "
                            + service.id()
                            + ") but its first deployment was refused: "
                            + refused.field()
                            + ": "
                            + refused.reason()
                            + "; fix that, then call deployService");
        }
        return service;
    }

    @Mutation("deleteService")
    @Description(
            "Deletes a service: cancels its deployment in flight, removes it from the cluster and"
                    + " frees its name. Returns its id once the deletion has started.")
    public @NonNull @Id String deleteService(@Name("id") @NonNull @Id String id) {
        control.deleteService(caller.get(), Ids.parse("serviceId", id));
        return id;
    }

    @Mutation("updateService")
    @Description(
            "Changes the given fields; the next deployment uses them (deployService or a push)."
                    + " Nothing is redeployed by this change alone.")
    public @NonNull Service updateService(
            @Name("id") @NonNull @Id String id, @Name("input") @NonNull UpdateServiceInput input) {
        UpdateServiceRequest.Builder request = UpdateServiceRequest.builder();
        request.repoId(input.repoId)
                .githubRepo(input.githubRepo)
                .branch(input.branch)
                .rootDirectory(input.rootDirectory)
                .dockerfilePath(input.dockerfilePath)
                .buildStrategy(BuildInputs.strategy(input.build, input.buildStrategy))
                .installCommand(input.installCommand)
                .buildCommand(input.buildCommand)
                .startCommand(input.startCommand)
                .vcpu(input.vcpu);
        if (input.port != null) {
            request.port(input.port);
        }
        if (input.memoryMi != null) {
            request.memoryMi(input.memoryMi);
        }
        Caller who = caller.get();
        return Service.of(
                InputFields.renamed(
                        UPDATE_FIELDS, () -> services.update(who, id, request.build())));
    }

    /** The platform request for a create input; the service's first deployment is separate. */
    static CreateServiceRequest requestOf(CreateServiceInput input) {
        CreateServiceRequest.Builder request =
                CreateServiceRequest.builder(input.name)
                        .projectId(input.projectId)
                        .repoId(input.repoId)
                        .githubRepo(input.githubRepo)
                        .branch(input.branch)
                        .rootDirectory(input.rootDirectory)
                        .dockerfilePath(input.dockerfilePath)
                        .buildStrategy(BuildInputs.strategy(input.build, input.buildStrategy))
                        .installCommand(input.installCommand)
                        .buildCommand(input.buildCommand)
                        .startCommand(input.startCommand)
                        .vcpu(input.vcpu)
                        .env(VariableInputs.toMap("env", input.env));
        if (input.port != null) {
            request.port(input.port);
        }
        if (input.memoryMi != null) {
            request.memoryMi(input.memoryMi);
        }
        return request.build();
    }

    /** Batched: the totals of every project's services in the response in one query. */
    @Name("totalCount")
    @Description("How many there are in all pages together.")
    public List<@NonNull Integer> servicesTotal(@Source List<ServiceConnection> connections) {
        List<UUID> ids = connections.stream().map(ServiceConnection::projectId).toList();
        Map<UUID, Long> counts = services.countByProjects(caller.get(), ids);
        return ids.stream().map(id -> Math.toIntExact(counts.getOrDefault(id, 0L))).toList();
    }
}
