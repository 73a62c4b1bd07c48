package ink.ml.deploy.domain;

import java.util.Objects;

/** Identifies one customer service across the platform: whose, which project, which service. */
public record ServiceRef(UserId user, ProjectName project, ServiceName service) {
    public ServiceRef {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(service, "service");
    }

    public static ServiceRef of(String user, String project, String service) {
        return new ServiceRef(UserId.of(user), ProjectName.of(project), ServiceName.of(service));
    }

    public String namespace() {
        return Namespaces.forProject(user, project);
    }

    /**
     * The globally unique DNS label of this service: {@code {service}-{project}-{user}}.
     *
     * <p>Unique across users because the user id comes last and has no hyphen. Within one user, two
     * projects could in theory produce the same label ({@code web-a}/{@code b} and {@code
     * web}/{@code a-b}), so the product plane stores it under a unique index and refuses the
     * second. At most 24 + 1 + 24 + 1 + 12 = 62 characters.
     */
    public String hostLabel() {
        return service.value() + "-" + project.value() + "-" + user.value();
    }
}
