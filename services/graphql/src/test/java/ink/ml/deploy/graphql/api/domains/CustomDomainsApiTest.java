package ink.ml.deploy.graphql.api.domains;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.TaskQueues;
import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.graphql.api.deployments.DeploymentFixtures;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.domains.RecordCheck;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import ink.ml.deploy.testing.WorkflowExecutions;
import ink.ml.deploy.workflow.WorkflowIds;
import ink.ml.deploy.workflow.domain.CustomDomainRequest;
import ink.ml.deploy.workflow.domain.DomainResources;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The custom domain mutations and fields, against the real database and Temporal test server (no
 * worker runs here: the tests read what was started and signalled).
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class CustomDomainsApiTest {
    static final String FIELDS =
            "id serviceId domain unicodeDomain verified lastCheckedAt lastCheckError"
                    + " verificationRequestedAt certificateStatus certificateError"
                    + " records { type name expected found status }";
    static final String ADD =
            "mutation($s: ID!, $d: String!) { addCustomDomain(serviceId: $s, domain: $d) { "
                    + FIELDS
                    + " } }";
    static final String VERIFY =
            "mutation($id: ID!) { verifyCustomDomain(id: $id) { " + FIELDS + " } }";
    static final String REMOVE = "mutation($id: ID!) { removeCustomDomain(id: $id) }";
    static final String OF_SERVICE =
            "query($id: ID!) { service(id: $id) { id customDomains { " + FIELDS + " } } }";

    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject CustomDomains domains;
    @Inject WorkflowClient temporal;

    @Test
    void addingADomainAnswersTheTwoRecordsToCreate() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");

        JsonPath added = ok(add(user, service, "Shop.Example.com"));

        Map<String, Object> domain = added.getMap("data.addCustomDomain");
        assertThat(domain)
                .containsEntry("domain", "shop.example.com")
                .containsEntry("serviceId", service)
                .containsEntry("verified", false)
                .containsEntry("certificateStatus", "PENDING_VERIFICATION")
                .containsEntry("lastCheckedAt", null);
        List<Map<String, Object>> records = added.getList("data.addCustomDomain.records");
        assertThat(records).hasSize(2);
        assertThat(records.get(0))
                .containsEntry("type", "TXT")
                .containsEntry("name", "_dp-verify.shop.example.com")
                .containsEntry("found", null)
                .containsEntry("status", "PENDING");
        assertThat((String) records.get(0).get("expected")).matches("dp-verify=[0-9a-f]{32}");
        assertThat(records.get(1))
                .containsEntry("type", "CNAME")
                .containsEntry("name", "shop.example.com")
                .containsEntry("expected", "web-default-" + user.caller().id() + ".cname.ml.ink")
                .containsEntry("status", "PENDING");
    }

    @Test
    void refusedNamesAreBadInputNamingTheDomainField() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");

        for (String bad :
                List.of(
                        "*.example.com",
                        "198.51.100.1",
                        "https://example.com",
                        "example.com:8080",
                        "app.ml.ink")) {
            badInput(add(user, service, bad), "domain");
        }
        badInput(add(user, "nope", "ok.example.com"), "serviceId");
    }

    @Test
    void aDomainVerifiedByAnotherAccountIsAConflict() {
        Account holder = accounts.register();
        Account other = accounts.register();
        String held =
                ok(add(holder, fixtures.service(holder.caller(), "web"), "held.example.net"))
                        .getString("data.addCustomDomain.id");
        domains.recordVerification(UUID.fromString(held), true, true, Optional.empty());

        Map<String, Object> conflict =
                error(
                        add(other, fixtures.service(other.caller(), "web"), "held.example.net"),
                        "CONFLICT");

        assertThat(conflict.get("message"))
                .isEqualTo(
                        "domain: held.example.net is already verified by another account; it can"
                                + " be added only after they remove it");
        @SuppressWarnings("unchecked")
        Map<String, Object> extensions = (Map<String, Object>) conflict.get("extensions");
        assertThat(extensions).containsEntry("field", "domain");
    }

    @Test
    void verifyingRecordsTheRequestAndAFourthWithinAMinuteIsRateLimited() {
        Account user = accounts.register();
        String id =
                ok(add(user, fixtures.service(user.caller(), "web"), "verify.example.net"))
                        .getString("data.addCustomDomain.id");

        for (int i = 0; i < 3; i++) {
            JsonPath verified = ok(post(user.bearer(), VERIFY, Map.of("id", id)));
            assertThat(verified.getString("data.verifyCustomDomain.verificationRequestedAt"))
                    .isNotNull();
        }
        Map<String, Object> limited =
                error(post(user.bearer(), VERIFY, Map.of("id", id)), "RATE_LIMITED");

        assertThat((String) limited.get("message"))
                .matches(
                        "verify\\.example\\.net was checked 3 times in the last minute: try again"
                                + " in \\d+ s \\(DNS changes can take minutes to show anyway\\)");
    }

    @Test
    void aServiceShowsItsDomainsWithEachRecordsStatusAfterACheck() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        String id =
                ok(add(user, service, "checked.example.net")).getString("data.addCustomDomain.id");
        domains.recordVerification(
                UUID.fromString(id),
                RecordCheck.wrong("\"dp-verify=somethingelse\""),
                RecordCheck.missing(),
                Optional.of("the TXT record holds another token; no CNAME at checked.example.net"));

        JsonPath answer = ok(post(user.bearer(), OF_SERVICE, Map.of("id", service)));

        List<Map<String, Object>> list = answer.getList("data.service.customDomains");
        assertThat(list).singleElement().satisfies(d -> assertThat(d).containsEntry("id", id));
        assertThat(answer.getString("data.service.customDomains[0].lastCheckError"))
                .isEqualTo("the TXT record holds another token; no CNAME at checked.example.net");
        assertThat(answer.getString("data.service.customDomains[0].lastCheckedAt")).isNotNull();
        assertThat(answer.getList("data.service.customDomains[0].records.status"))
                .containsExactly("WRONG", "MISSING");
        assertThat(answer.getList("data.service.customDomains[0].records.found"))
                .containsExactly("\"dp-verify=somethingelse\"", null);
    }

    @Test
    void removingADomainFreesItAndItsServiceNoLongerListsIt() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        String id = ok(add(user, service, "gone.example.net")).getString("data.addCustomDomain.id");

        assertThat(
                        ok(post(user.bearer(), REMOVE, Map.of("id", id)))
                                .getString("data.removeCustomDomain"))
                .isEqualTo(id);

        assertThat(
                        ok(post(user.bearer(), OF_SERVICE, Map.of("id", service)))
                                .getList("data.service.customDomains"))
                .isEmpty();
        error(post(user.bearer(), REMOVE, Map.of("id", id)), "NOT_FOUND");
        Account next = accounts.register();
        ok(add(next, fixtures.service(next.caller(), "web"), "gone.example.net"));
    }

    @Test
    void addingADomainStartsItsWorkflowSoItsRecordsAreCheckedWithoutAsking() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");

        String id =
                ok(add(user, service, "watched.example.net")).getString("data.addCustomDomain.id");

        assertThat(
                        WorkflowExecutions.describe(
                                temporal, WorkflowIds.customDomain(UUID.fromString(id))))
                .hasValueSatisfying(
                        execution -> {
                            assertThat(execution.getTaskQueue()).isEqualTo(TaskQueues.DEFAULT);
                            assertThat(execution.getType().getName())
                                    .isEqualTo("CustomDomainWorkflow");
                        });
        assertThat(
                        WorkflowExecutions.input(
                                temporal,
                                WorkflowIds.customDomain(UUID.fromString(id)),
                                CustomDomainRequest.class))
                .isEqualTo(new CustomDomainRequest(id));
    }

    @Test
    void verifyingSignalsTheDomainsWorkflowToCheckNow() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        String id =
                ok(add(user, service, "signal.example.net")).getString("data.addCustomDomain.id");

        ok(post(user.bearer(), VERIFY, Map.of("id", id)));

        assertThat(
                        temporal
                                .fetchHistory(WorkflowIds.customDomain(UUID.fromString(id)))
                                .getEvents()
                                .stream()
                                .filter(HistoryEvent::hasWorkflowExecutionSignaledEventAttributes)
                                .map(
                                        event ->
                                                event.getWorkflowExecutionSignaledEventAttributes()
                                                        .getSignalName()))
                .containsExactly("verifyNow");
    }

    @Test
    void removingADomainStartsTakingItsResourcesOffTheCluster() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        String id =
                ok(add(user, service, "offcluster.example.net"))
                        .getString("data.addCustomDomain.id");

        ok(post(user.bearer(), REMOVE, Map.of("id", id)));

        DomainResources resources =
                WorkflowExecutions.input(
                        temporal,
                        WorkflowIds.removeCustomDomain(UUID.fromString(id)),
                        DomainResources.class);
        assertThat(resources.domainId()).isEqualTo(id);
        assertThat(resources.domain()).isEqualTo("offcluster.example.net");
        assertThat(resources.userId()).isEqualTo(user.caller().id());
        assertThat(resources.service()).isEqualTo("web");
        assertThat(resources.region()).isEqualTo("eu-central-1");
        assertThat(resources.port()).isPositive();
    }

    private static JsonPath add(Account user, String service, String domain) {
        return post(user.bearer(), ADD, Map.of("s", service, "d", domain));
    }
}
