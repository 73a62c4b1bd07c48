package ink.ml.deploy.workflow.deploy;

/** Removes a service's resources; the namespace too when {@code lastServiceOfProject}. */
public record DeleteWorkloadRequest(
        String userId, String project, String service, boolean lastServiceOfProject) {}
