package ink.ml.deploy.graphql.api.services;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Description(
        "Changes to a service: only the fields given change; the next deployment uses them."
                + " Variables change with setVariables.")
@Input("UpdateServiceInput")
public class UpdateServiceInput {
    @Id
    @Description("Switch to an internal repository of the same project (not with githubRepo).")
    public String repoId;

    @Description("Switch to a GitHub repository owner/name (not with repoId).")
    public String githubRepo;

    public String branch;

    @Description("The build context in the repository; empty for its root.")
    public String rootDirectory;

    public String dockerfilePath;

    @Description(BuildDescriptions.BUILD)
    public String build;

    @Deprecated
    @Description("The old name of build; give one of the two.")
    public String buildStrategy;

    @Description(BuildDescriptions.INSTALL_COMMAND + " Empty clears it.")
    public String installCommand;

    @Description(BuildDescriptions.BUILD_COMMAND + " Empty clears it.")
    public String buildCommand;

    @Description(BuildDescriptions.START_COMMAND + " Empty clears it.")
    public String startCommand;

    public Integer port;

    @Description("Memory in MiB (256, 512, 1024, 2048, 4096).")
    public Integer memoryMi;

    @Description("vCPUs as a decimal (0.5, 1, 2, 4).")
    public String vcpu;
}
