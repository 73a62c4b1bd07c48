package ink.ml.deploy.platform.domains;

import ink.ml.deploy.domain.DomainVerificationRecords;
import ink.ml.deploy.domain.Region;
import ink.ml.deploy.domain.ServiceRef;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a custom domain is served from, for the system that checks its records and puts it on its
 * cluster: the records it needs, the service and region whose resources carry it, and the port its
 * traffic goes to.
 *
 * @param port the port the service's app listens on (the service's configured port, which every
 *     deployment of it runs with)
 * @param recordsMissingSince when a scheduled check first found the records gone, if it did
 */
public record DomainPlacement(
        UUID id,
        DomainVerificationRecords records,
        ServiceRef service,
        Region region,
        int port,
        CertStatus certStatus,
        Optional<Instant> recordsMissingSince) {
    /** The domain name, ASCII and lower case. */
    public String domain() {
        return records.domain().value();
    }
}
