package ink.ml.deploy.workflow.domain;

/**
 * What names a custom domain's resources in its cluster, and where its traffic goes.
 *
 * @param domainId {@code custom_domains.id}
 * @param domain the verified name, e.g. {@code app.example.com} (ASCII, lower case)
 * @param userId the owner of the service's project
 * @param project the project's name
 * @param service the service's name
 * @param region the cluster region (its deployer task queue)
 * @param port the port the service's app listens on, which the TLS route sends traffic to
 */
public record DomainResources(
        String domainId,
        String domain,
        String userId,
        String project,
        String service,
        String region,
        int port) {}
