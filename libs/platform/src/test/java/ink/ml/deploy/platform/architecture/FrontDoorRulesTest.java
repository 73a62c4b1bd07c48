package ink.ml.deploy.platform.architecture;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import ink.ml.deploy.platform.deployments.BuildSlots;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.services.Service;
import ink.ml.deploy.testing.architecture.FrontDoorRules;
import org.junit.jupiter.api.Test;

/**
 * The rules graphql and mcp are checked against catch what they must (the classes here play a
 * door's classes) and let a door that goes through the caller-scoped services pass.
 */
class FrontDoorRulesTest {
    private static final String HERE = "ink.ml.deploy.platform.architecture..";

    static class ReadsAnEntity {
        String source(Service service) {
            return service.sourceKind;
        }
    }

    static class CallsTheTrustedSide {
        Object records(DeploymentRecords records, BuildSlots slots) {
            return records.toString() + slots;
        }
    }

    static class GoesThroughTheServices {
        Object deployments(Deployments deployments) {
            return deployments;
        }
    }

    @Test
    void theEntityRuleCatchesADoorThatReadsAnEntity() {
        var offender = new ClassFileImporter().importClasses(ReadsAnEntity.class);

        assertThatThrownBy(() -> FrontDoorRules.neverTouchesTheEntities(HERE).check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(Service.class.getName());
    }

    @Test
    void theTrustedSideRuleCatchesBothTrustedClasses() {
        var offender = new ClassFileImporter().importClasses(CallsTheTrustedSide.class);

        assertThatThrownBy(
                        () ->
                                FrontDoorRules.neverCallsTheTrustedOrchestrationSide(HERE)
                                        .check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(DeploymentRecords.class.getName())
                .hasMessageContaining(BuildSlots.class.getName());
    }

    @Test
    void aDoorThatGoesThroughTheCallerScopedServicesPasses() {
        var door = new ClassFileImporter().importClasses(GoesThroughTheServices.class);

        assertThatCode(() -> FrontDoorRules.neverTouchesTheEntities(HERE).check(door))
                .doesNotThrowAnyException();
        assertThatCode(() -> FrontDoorRules.neverCallsTheTrustedOrchestrationSide(HERE).check(door))
                .doesNotThrowAnyException();
    }
}
