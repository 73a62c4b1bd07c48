package ink.ml.deploy.platform;

import ink.ml.deploy.platform.deployments.ConfigSnapshot;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a native executable must keep for Jackson: a deployment's configuration snapshot, which
 * Hibernate writes to and reads from its JSON column with Jackson. Hibernate ORM's extension
 * registers the entity, not the record in its JSON column.
 */
@RegisterForReflection(targets = {ConfigSnapshot.class, ConfigSnapshot.Source.class})
public final class NativeRegistrations {
    private NativeRegistrations() {}
}
