package ink.ml.deploy.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.domains.RecordCheck;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.testing.WorkflowExecutions;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.domain.DomainResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The custom-domain tools through the MCP SDK client, over libs/control CustomDomainControl. No
 * worker runs the domain workflows here (services/worker's tests do): these read what the tools
 * started.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class DomainToolsTest {
    @TestHTTPResource("/")
    URI server;

    @Inject ToolFixtures fixtures;
    @Inject CustomDomains domains;
    @Inject WorkflowClient temporal;

    private Caller owner;
    private McpTestClient mcp;

    @BeforeEach
    void connect() {
        owner = fixtures.user("domainowner");
        mcp = McpTestClient.connect(server, fixtures.apiKey(owner), Optional.empty());
    }

    @AfterEach
    void disconnect() {
        mcp.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAgentAddsADomainGetsTheRecordsVerifiesAndSeesItInGetService() {
        String serviceId = service(owner);
        String domain = fixtures.unique("shop") + ".example.com";

        Map<String, Object> added =
                mcp.ok("add_custom_domain", Map.of("serviceId", serviceId, "domain", domain));

        assertThat(added).containsEntry("domain", domain).containsEntry("verified", false);
        List<Map<String, Object>> records = (List<Map<String, Object>>) added.get("records");
        assertThat(records.get(0))
                .containsEntry("type", "TXT")
                .containsEntry("name", "_dp-verify." + domain)
                .containsEntry("status", "pending");
        assertThat((String) records.get(0).get("expected")).matches("dp-verify=[0-9a-f]{32}");
        assertThat(records.get(1)).containsEntry("type", "CNAME").containsEntry("name", domain);
        assertThat((String) records.get(1).get("expected")).endsWith(".cname.ml.ink");

        String id = (String) added.get("id");
        domains.recordVerification(
                UUID.fromString(id),
                RecordCheck.ok(null),
                RecordCheck.missing(),
                Optional.of("no CNAME at " + domain));
        Map<String, Object> verified = mcp.ok("verify_custom_domain", Map.of("domainId", id));

        assertThat(verified.get("verificationRequestedAt")).isNotNull();
        assertThat((List<Map<String, Object>>) verified.get("records"))
                .extracting(r -> r.get("status"))
                .containsExactly("ok", "missing");
        assertThat(verified).containsEntry("lastCheckError", "no CNAME at " + domain);

        Map<String, Object> status = mcp.ok("get_service", Map.of("serviceId", serviceId));
        assertThat((List<Map<String, Object>>) status.get("customDomains"))
                .singleElement()
                .satisfies(d -> assertThat(d).containsEntry("id", id));

        Map<String, Object> removed = mcp.ok("remove_custom_domain", Map.of("domainId", id));
        assertThat(removed).containsEntry("status", "removed").containsEntry("domain", domain);
        assertThat(domains.list(owner, serviceId, PageRequest.firstPage()).items()).isEmpty();
    }

    @Test
    void refusalsNameTheArgumentAndTheWait() {
        String serviceId = service(owner);

        for (String bad :
                List.of("*.example.com", "10.0.0.1", "https://example.com/x", "api.ml.ink")) {
            assertThat(
                            mcp.error(
                                    "add_custom_domain",
                                    Map.of("serviceId", serviceId, "domain", bad)))
                    .as(bad)
                    .startsWith("Invalid argument domain: ")
                    .endsWith("Correct it and call add_custom_domain again.");
        }
        String id =
                (String)
                        mcp.ok(
                                        "add_custom_domain",
                                        Map.of(
                                                "serviceId",
                                                serviceId,
                                                "domain",
                                                fixtures.unique("limit") + ".example.com"))
                                .get("id");
        for (int i = 0; i < 3; i++) {
            mcp.ok("verify_custom_domain", Map.of("domainId", id));
        }
        assertThat(mcp.error("verify_custom_domain", Map.of("domainId", id)))
                .startsWith("Rate limited: ")
                .contains("was checked 3 times in the last minute: try again in ")
                .endsWith("Wait that long, then call verify_custom_domain again.");
    }

    @Test
    void anotherUsersDomainIsNotFoundForEveryDomainToolAndNothingChanges() {
        String serviceId = service(owner);
        String id = domains.add(owner, serviceId, fixtures.unique("mine") + ".example.com").id();
        var before = domains.get(owner, id);
        Caller stranger = fixtures.user("domainstrngr");

        try (McpTestClient asStranger =
                McpTestClient.connect(server, fixtures.apiKey(stranger), Optional.empty())) {
            assertThat(asStranger.error("verify_custom_domain", Map.of("domainId", id)))
                    .startsWith("Not found: domain " + id);
            assertThat(asStranger.error("remove_custom_domain", Map.of("domainId", id)))
                    .startsWith("Not found: domain " + id);
            assertThat(
                            asStranger.error(
                                    "add_custom_domain",
                                    Map.of("serviceId", serviceId, "domain", "x.example.com")))
                    .startsWith("Not found: service " + serviceId);
        }

        assertThat(domains.get(owner, id)).isEqualTo(before);
    }

    @Test
    void addingStartsTheDomainsWorkflowAndRemovingTakesItOffItsCluster() {
        String serviceId = service(owner);
        String domain = fixtures.unique("wf") + ".example.com";
        String id =
                (String)
                        mcp.ok(
                                        "add_custom_domain",
                                        Map.of("serviceId", serviceId, "domain", domain))
                                .get("id");

        assertThat(
                        WorkflowExecutions.describe(
                                temporal, WorkflowIds.customDomain(UUID.fromString(id))))
                .isPresent();

        mcp.ok("remove_custom_domain", Map.of("domainId", id));

        DomainResources removed =
                WorkflowExecutions.input(
                        temporal,
                        WorkflowIds.removeCustomDomain(UUID.fromString(id)),
                        DomainResources.class);
        assertThat(removed.domain()).isEqualTo(domain);
        assertThat(removed.domainId()).isEqualTo(id);
    }

    @Test
    @SuppressWarnings("unchecked")
    void getServiceSaysInPlainWordsWhenAFlaggedDomainIsDetached() {
        String serviceId = service(owner);
        String id = domains.add(owner, serviceId, fixtures.unique("flag") + ".example.com").id();
        Instant since = Instant.parse("2026-01-02T03:04:05Z");
        domains.flagRecordsMissing(UUID.fromString(id), since, since.plus(Duration.ofHours(72)));

        Map<String, Object> status = mcp.ok("get_service", Map.of("serviceId", serviceId));

        assertThat((List<Map<String, Object>>) status.get("customDomains"))
                .singleElement()
                .satisfies(
                        d ->
                                assertThat(d)
                                        .containsEntry(
                                                "recordsMissing",
                                                "records not found since 2026-01-02T03:04:05Z;"
                                                        + " the domain is detached after"
                                                        + " 2026-01-05T03:04:05Z unless they are"
                                                        + " back by then"));
    }

    private String service(Caller caller) {
        return fixtures.internalService(
                caller, fixtures.unique("repo"), fixtures.unique("web").replace("-", ""), Map.of());
    }
}
