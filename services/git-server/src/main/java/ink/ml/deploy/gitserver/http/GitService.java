package ink.ml.deploy.gitserver.http;

import ink.ml.deploy.gitauth.GitAccess;
import java.util.Optional;

/** The two git smart HTTP services, and the access each needs. */
public enum GitService {
    /** Clone and fetch. */
    UPLOAD_PACK("git-upload-pack", GitAccess.READ),
    /** Push. */
    RECEIVE_PACK("git-receive-pack", GitAccess.PUSH);

    private final String serviceName;
    private final GitAccess access;

    GitService(String serviceName, GitAccess access) {
        this.serviceName = serviceName;
        this.access = access;
    }

    public String serviceName() {
        return serviceName;
    }

    public GitAccess access() {
        return access;
    }

    /** {@code application/x-git-upload-pack-advertisement}, the answer to {@code info/refs}. */
    public String advertisementType() {
        return "application/x-" + serviceName + "-advertisement";
    }

    public String requestType() {
        return "application/x-" + serviceName + "-request";
    }

    public String resultType() {
        return "application/x-" + serviceName + "-result";
    }

    static Optional<GitService> fromServiceName(String name) {
        for (GitService service : values()) {
            if (service.serviceName.equals(name)) {
                return Optional.of(service);
            }
        }
        return Optional.empty();
    }
}
