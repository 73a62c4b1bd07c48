package ink.ml.deploy.control;

import ink.ml.deploy.platform.services.ServiceView;

/** A service {@link ServiceCreation} created, and what became of its first deployment. */
public record CreatedService(ServiceView service, FirstDeployment firstDeployment) {}
