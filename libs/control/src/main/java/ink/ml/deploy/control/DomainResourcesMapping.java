package ink.ml.deploy.control;

import ink.ml.deploy.platform.domains.DomainPlacement;
import ink.ml.deploy.workflow.domain.DomainResources;

/**
 * What names a domain's cluster resources, from where the product plane says it is served: the one
 * mapping the domain workflow's activities and the removal here both use.
 */
public final class DomainResourcesMapping {
    private DomainResourcesMapping() {}

    public static DomainResources of(DomainPlacement placement) {
        return new DomainResources(
                placement.id().toString(),
                placement.domain(),
                placement.service().user().value(),
                placement.service().project().value(),
                placement.service().service().value(),
                placement.region().id(),
                placement.port());
    }
}
