package ink.ml.deploy.testing.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * What keeps a front door (GraphQL, MCP) a door that maps: it reaches the product plane only
 * through libs/platform's caller-scoped services and libs/control, never through the database's
 * entities (which skip every ownership check) nor through the worker's trusted side, which acts for
 * the system. One home for both doors' rules, so that they cannot drift apart.
 *
 * <p>Classes are named, not referenced, because libs/platform's own tests use this library.
 */
public final class FrontDoorRules {
    /** The trusted orchestration side of libs/platform: what only the worker calls. */
    static final String TRUSTED_SIDE =
            "ink\\.ml\\.deploy\\.platform\\.deployments\\.(DeploymentRecords|BuildSlots)";

    private FrontDoorRules() {}

    /**
     * @param doorPackage the door's packages, as ArchUnit writes them: {@code ink.ml.deploy.mcp..}
     */
    public static ArchRule neverTouchesTheEntities(String doorPackage) {
        return noClasses()
                .that()
                .resideInAPackage(doorPackage)
                .should()
                .dependOnClassesThat(
                        resideInAPackage("ink.ml.deploy.platform..")
                                .and(annotatedWith("jakarta.persistence.Entity")))
                .because(
                        "an entity skips the caller's authorization: go through the platform's"
                                + " services");
    }

    /**
     * @param doorPackage the door's packages, as ArchUnit writes them: {@code ink.ml.deploy.mcp..}
     */
    public static ArchRule neverCallsTheTrustedOrchestrationSide(String doorPackage) {
        return noClasses()
                .that()
                .resideInAPackage(doorPackage)
                .should()
                .dependOnClassesThat(nameMatching(TRUSTED_SIDE))
                .because(
                        "the orchestration side trusts its caller; user requests go through"
                                + " Deployments, which scopes them to the caller's projects");
    }
}
