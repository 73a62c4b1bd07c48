package ink.ml.deploy.graphql.api.services;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Description(
        "Changes to a service: only the fields given change. Variables change with setVariables.")
@Input("UpdateServiceInput")
public class UpdateServiceInput {
    @Id
    @Description("Switch to an internal repository of the same project (not with githubRepo).")
    public String repoId;

    @Description("Switch to a GitHub repository owner/name (not with repoId).")
    public String githubRepo;

    public String branch;
    public String rootDirectory;
    public String dockerfilePath;
    public String buildStrategy;
    public Integer port;

    @Description("Memory in MiB (256, 512, 1024, 2048, 4096).")
    public Integer memoryMi;

    @Description("vCPUs as a decimal (0.5, 1, 2, 4).")
    public String vcpu;
}
