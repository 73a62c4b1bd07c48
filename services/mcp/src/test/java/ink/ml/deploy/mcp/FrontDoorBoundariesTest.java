package ink.ml.deploy.mcp;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import ink.ml.deploy.testing.architecture.FrontDoorRules;

/**
 * MCP is a front door that maps: libs/testing's {@link FrontDoorRules} hold it to the platform's
 * caller-scoped services (what the rules catch is tested with them, in libs/platform).
 */
@AnalyzeClasses(
        packages = "ink.ml.deploy.mcp",
        importOptions = ImportOption.DoNotIncludeTests.class)
class FrontDoorBoundariesTest {
    @ArchTest
    static final ArchRule neverTouchesTheEntities =
            FrontDoorRules.neverTouchesTheEntities("ink.ml.deploy.mcp..");

    @ArchTest
    static final ArchRule neverCallsTheTrustedOrchestrationSide =
            FrontDoorRules.neverCallsTheTrustedOrchestrationSide("ink.ml.deploy.mcp..");
}
