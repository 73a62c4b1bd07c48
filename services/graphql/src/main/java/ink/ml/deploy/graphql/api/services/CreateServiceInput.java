package ink.ml.deploy.graphql.api.services;

import ink.ml.deploy.graphql.api.variables.VariableInput;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A new service: a name and one source (repoId or githubRepo); the rest has defaults.")
@Input("CreateServiceInput")
public class CreateServiceInput {
    @Id
    @Description("The project to create it in; your default project when absent.")
    public String projectId;

    @NonNull
    @Description("A DNS label (lower case letters, digits, -), part of the hostname.")
    public String name;

    @Id
    @Description("An internal repository of the same project (not with githubRepo).")
    public String repoId;

    @Description("A GitHub repository as owner/name (not with repoId).")
    public String githubRepo;

    @Description("The branch to track; main when absent.")
    public String branch;

    @Description(
            "The build context in the repository, e.g. apps/api for a monorepo; its root when"
                    + " absent.")
    public String rootDirectory;

    @Description("The Dockerfile relative to rootDirectory; Dockerfile when absent.")
    public String dockerfilePath;

    @Description(BuildDescriptions.BUILD + " auto when absent.")
    public String build;

    @Deprecated
    @Description("The old name of build; give one of the two.")
    public String buildStrategy;

    @Description(BuildDescriptions.INSTALL_COMMAND)
    public String installCommand;

    @Description(BuildDescriptions.BUILD_COMMAND)
    public String buildCommand;

    @Description(BuildDescriptions.START_COMMAND)
    public String startCommand;

    @Description("The port the app listens on; 8080 when absent.")
    public Integer port;

    @Description("Memory in MiB (256, 512, 1024, 2048, 4096); 512 when absent.")
    public Integer memoryMi;

    @Description("vCPUs as a decimal (0.5, 1, 2, 4); 0.5 when absent.")
    public String vcpu;

    @Description("Initial environment variables.")
    public List<@NonNull VariableInput> env;

    /** Variable values stay out of logs. */
    @Override
    public String toString() {
        return "CreateServiceInput[projectId=" + projectId + ", name=" + name + "]";
    }
}
