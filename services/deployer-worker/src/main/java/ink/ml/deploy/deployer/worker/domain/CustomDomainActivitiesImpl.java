package ink.ml.deploy.deployer.worker.domain;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.CustomDomain;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.k8s.CustomDomainSpec;
import ink.ml.deploy.workflow.StepFailure;
import ink.ml.deploy.workflow.domain.CertificateState;
import ink.ml.deploy.workflow.domain.CustomDomainActivities;
import ink.ml.deploy.workflow.domain.DomainResources;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The custom-domain activities on whichever {@link CustomDomainTarget} this region's cluster names
 * ({@code mcpdeploy.clusters.regions.<region>.execution-target}), from the libs/k8s {@link
 * CustomDomainSpec} both targets work from.
 */
@ApplicationScoped
public class CustomDomainActivitiesImpl implements CustomDomainActivities {
    private final Instance<CustomDomainTarget> available;
    private final String targetId;

    @Inject
    CustomDomainActivitiesImpl(Clusters clusters, @Any Instance<CustomDomainTarget> available) {
        this.available = available;
        this.targetId = clusters.home().executionTarget().id();
    }

    /** Looked up on first use, so a worker that never sees a domain never builds its target. */
    private CustomDomainTarget target() {
        return available.select(Identifier.Literal.of(targetId)).get();
    }

    @Override
    public void requestCertificate(DomainResources resources) {
        target().requestCertificate(spec(resources));
    }

    @Override
    public CertificateState certificateState(DomainResources resources) {
        return target().certificateState(spec(resources));
    }

    @Override
    public void serveTls(DomainResources resources) {
        target().serveTls(spec(resources));
    }

    @Override
    public void removeDomain(DomainResources resources) {
        target().remove(spec(resources));
    }

    static CustomDomainSpec spec(DomainResources resources) {
        try {
            return new CustomDomainSpec(
                    ServiceRef.of(resources.userId(), resources.project(), resources.service()),
                    new CustomDomain(resources.domain()),
                    AppPort.of(resources.port()));
        } catch (IllegalArgumentException invalid) {
            // The product plane validated all of this; a value that still breaks a rule breaks it
            // on every retry too.
            throw StepFailure.of(StepFailure.APPLY_REJECTED, invalid.getMessage());
        }
    }
}
