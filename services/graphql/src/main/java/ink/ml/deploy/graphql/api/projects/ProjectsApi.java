package ink.ml.deploy.graphql.api.projects;

import ink.ml.deploy.auth.CurrentCaller;
import ink.ml.deploy.graphql.api.errors.InputFields;
import ink.ml.deploy.graphql.api.pagination.Pages;
import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.projects.Projects;
import java.util.Map;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

@GraphQLApi
public class ProjectsApi {
    private final CurrentCaller caller;
    private final Projects projects;

    public ProjectsApi(CurrentCaller caller, Projects projects) {
        this.caller = caller;
        this.projects = projects;
    }

    @Query("projects")
    @Description("Your projects, oldest first.")
    public @NonNull ProjectConnection projects(
            @Name("first") @Description("Page size, 1 to 100 (default 20).") Integer first,
            @Name("after") @Description("The endCursor of the previous page.") String after) {
        Caller who = caller.get();
        return new ProjectConnection(
                projects.list(who, Pages.request(first, after)), () -> projects.count(who));
    }

    @Query("project")
    public @NonNull Project project(@Name("id") @NonNull @Id String id) {
        return Project.of(projects.get(caller.get(), id));
    }

    @Mutation("createProject")
    @Description("A new, empty project; names are unique among your projects.")
    public @NonNull Project createProject(@Name("name") @NonNull String name) {
        Caller who = caller.get();
        return Project.of(
                InputFields.renamed(Map.of("project", "name"), () -> projects.create(who, name)));
    }

    @Mutation("deleteProject")
    @Description("Deletes an empty project (delete its services first); returns its id.")
    public @NonNull @Id String deleteProject(@Name("id") @NonNull @Id String id) {
        projects.delete(caller.get(), id);
        return id;
    }

    @Name("totalCount")
    @Description("How many there are in all pages together.")
    public int projectsTotal(@Source ProjectConnection connection) {
        return Math.toIntExact(connection.countAll());
    }
}
