package ink.ml.deploy.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.domains.CustomDomainView;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * With Temporal unreachable, reads and plain changes keep working, deployment requests are tool
 * errors that say nothing was started, and nothing is written for them.
 */
@QuarkusTest
@TestProfile(TemporalDownProfile.class)
@WithTestResource(PostgresTestResource.class)
class TemporalDownToolsTest {
    @TestHTTPResource("/")
    URI server;

    @Inject ToolFixtures fixtures;
    @Inject Services services;
    @Inject Deployments deployments;
    @Inject CustomDomains domains;

    @Test
    void deploymentRequestsAreUnavailableAndNothingIsWritten() {
        Caller caller = fixtures.user("toolsdown");
        String repo = fixtures.unique("down");
        String name = fixtures.unique("down").replace("-", "");
        try (McpTestClient mcp =
                McpTestClient.connect(server, fixtures.apiKey(caller), Optional.empty())) {
            mcp.ok("create_repo", Map.of("name", repo));

            // The service would never deploy, so it is not created: nothing is half-written.
            assertThat(mcp.error("create_service", Map.of("name", name, "repo", repo)))
                    .startsWith("Unavailable: the deployment service (Temporal) cannot be reached")
                    .contains("nothing was started or changed");
            assertThat(McpToolsTest.list(mcp.ok("list_services", Map.of("first", 100)), "services"))
                    .noneMatch(s -> name.equals(s.get("name")));

            String serviceId =
                    fixtures.internalService(caller, fixtures.unique("up"), name, Map.of());
            assertThat(mcp.error("redeploy_service", Map.of("serviceId", serviceId)))
                    .startsWith("Unavailable: the deployment service (Temporal) cannot be reached");
            assertThat(mcp.error("delete_service", Map.of("serviceId", serviceId)))
                    .startsWith("Unavailable:");
            assertThat(mcp.ok("get_service", Map.of("serviceId", serviceId)))
                    .containsEntry("status", "not_deployed");
            assertThat(deployments.latest(caller, serviceId)).isEmpty();
            assertThat(services.get(caller, serviceId).id()).isEqualTo(serviceId);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void revokingAGitTokenIsUnavailableAndTheTokenIsNotMarkedRevoked() {
        Caller caller = fixtures.user("toolsdown");
        String repo = fixtures.unique("downtok");
        try (McpTestClient mcp =
                McpTestClient.connect(server, fixtures.apiKey(caller), Optional.empty())) {
            String tokenId = (String) mcp.ok("create_repo", Map.of("name", repo)).get("tokenId");

            assertThat(mcp.error("revoke_git_token", Map.of("tokenId", tokenId)))
                    .startsWith("Unavailable: the deployment service (Temporal) cannot be reached")
                    .contains("nothing was started or changed");
            assertThat(McpToolsTest.list(mcp.ok("list_git_tokens", Map.of("repo", repo)), "tokens"))
                    .singleElement()
                    .satisfies(token -> assertThat(token.get("revokedAt")).isNull());
        }
    }

    @Test
    void customDomainChangesAreUnavailableAndNothingIsWritten() {
        Caller caller = fixtures.user("toolsdown");
        String serviceId =
                fixtures.internalService(
                        caller,
                        fixtures.unique("dom"),
                        fixtures.unique("dom").replace("-", ""),
                        Map.of());
        CustomDomainView kept =
                domains.add(caller, serviceId, fixtures.unique("kept") + ".example.com");
        try (McpTestClient mcp =
                McpTestClient.connect(server, fixtures.apiKey(caller), Optional.empty())) {
            assertThat(
                            mcp.error(
                                    "add_custom_domain",
                                    Map.of(
                                            "serviceId",
                                            serviceId,
                                            "domain",
                                            fixtures.unique("new") + ".example.com")))
                    .startsWith("Unavailable: the deployment service (Temporal) cannot be reached");
            assertThat(mcp.error("verify_custom_domain", Map.of("domainId", kept.id())))
                    .startsWith("Unavailable:");
            assertThat(mcp.error("remove_custom_domain", Map.of("domainId", kept.id())))
                    .startsWith("Unavailable:");
        }

        assertThat(domains.list(caller, serviceId, PageRequest.firstPage()).items())
                .singleElement()
                .satisfies(
                        domain -> {
                            assertThat(domain.id()).isEqualTo(kept.id());
                            assertThat(domain.verificationRequestedAt()).isEmpty();
                        });
    }
}
