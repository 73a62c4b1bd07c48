package ink.ml.deploy.platform;

import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every platform test runs against one embedded PostgreSQL migrated by Flyway. Annotating each test
 * class with this same resource keeps Quarkus from restarting between classes.
 */
@QuarkusTestResource(value = PostgresTestResource.class, restrictToAnnotatedClass = false)
public final class PlatformTestProfile {
    private PlatformTestProfile() {}
}
