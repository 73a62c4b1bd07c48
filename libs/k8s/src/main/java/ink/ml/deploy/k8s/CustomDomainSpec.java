package ink.ml.deploy.k8s;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.domain.ServiceRef;
import java.util.Objects;

/** A verified custom domain of a service, and the port its traffic goes to. */
public record CustomDomainSpec(ServiceRef service, CustomDomain domain, AppPort port) {
    public CustomDomainSpec {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(port, "port");
    }

    public String namespace() {
        return service.namespace();
    }
}
