package ink.ml.deploy.graphql;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import ink.ml.deploy.platform.deployments.BuildSlots;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.services.Service;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

/**
 * GraphQL is a front door that maps: it reaches the product plane only through libs/platform's
 * caller-scoped services and libs/control, never through the database's entities (which skip every
 * ownership check) nor through the worker's trusted side, which acts for the system.
 */
@AnalyzeClasses(
        packages = "ink.ml.deploy.graphql",
        importOptions = ImportOption.DoNotIncludeTests.class)
class FrontDoorBoundariesTest {
    @ArchTest
    static final ArchRule neverTouchesTheEntities =
            noClasses()
                    .that()
                    .resideInAPackage("ink.ml.deploy.graphql..")
                    .should()
                    .dependOnClassesThat(
                            resideInAPackage("ink.ml.deploy.platform..")
                                    .and(annotatedWith(Entity.class)))
                    .because(
                            "an entity skips the caller's authorization: go through the"
                                    + " platform's services");

    @ArchTest
    static final ArchRule neverCallsTheTrustedOrchestrationSide =
            noClasses()
                    .that()
                    .resideInAPackage("ink.ml.deploy.graphql..")
                    .should()
                    .dependOnClassesThat(belongToAnyOf(DeploymentRecords.class, BuildSlots.class))
                    .because(
                            "the orchestration side trusts its caller; user requests go through"
                                    + " Deployments, which scopes them to the caller's projects");

    /** What the rules must catch, kept out of the analysed classes by living in a test. */
    static class ReachesPastTheServices {
        String source(Service service, DeploymentRecords records) {
            return service.sourceKind + records;
        }
    }

    @Test
    void theRulesCatchAClassThatReachesPastTheServices() {
        var offender = new ClassFileImporter().importClasses(ReachesPastTheServices.class);

        assertThatThrownBy(() -> neverTouchesTheEntities.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(Service.class.getName());
        assertThatThrownBy(() -> neverCallsTheTrustedOrchestrationSide.check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(DeploymentRecords.class.getName());
    }
}
