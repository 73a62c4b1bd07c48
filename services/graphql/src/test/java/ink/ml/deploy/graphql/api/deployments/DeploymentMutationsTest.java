package ink.ml.deploy.graphql.api.deployments;

import static ink.ml.deploy.graphql.api.Gql.badInput;
import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.graphql.temporal.TemporalDownProfile;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With Temporal unreachable the mutations that need a workflow answer UNAVAILABLE and write
 * nothing, while queries and the other mutations keep working (the seed's dependency table).
 */
@QuarkusTest
@TestProfile(TemporalDownProfile.class)
@WithTestResource(PostgresTestResource.class)
class DeploymentMutationsTest {
    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject Services services;
    @Inject Projects projects;
    @Inject Deployments deployments;

    @Test
    void createServiceCreatesNothingWhenItCannotDeploy() {
        Account user = accounts.register();

        var answer =
                post(
                        user.bearer(),
                        "mutation { createService(input: {name: \"web\", githubRepo: \"acme/web\"})"
                                + " { id } }");

        assertThat(error(answer, "UNAVAILABLE").get("message").toString())
                .contains("nothing was started or changed");
        String project = projects.getDefault(user.caller()).id();
        assertThat(services.count(user.caller(), project)).isZero();
    }

    @Test
    void createServiceWithoutDeployWorksWithoutTemporal() {
        Account user = accounts.register();

        var answer =
                ok(
                        post(
                                user.bearer(),
                                "mutation { createService(input: {name: \"web\", githubRepo:"
                                        + " \"acme/web\", env: [{name: \"A\", value: \"1\"}]},"
                                        + " deploy: false) { id variableNames latestDeployment {"
                                        + " id } } }"));

        assertThat(answer.getList("data.createService.variableNames")).containsExactly("A");
        assertThat(answer.getString("data.createService.latestDeployment")).isNull();
    }

    @Test
    void deployServiceIsUnavailableAndRecordsNoDeployment() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");

        error(
                post(
                        user.bearer(),
                        "mutation($s: ID!) { deployService(serviceId: $s) { id } }",
                        Map.of("s", service)),
                "UNAVAILABLE");

        assertThat(deployments.count(user.caller(), service)).isZero();
    }

    @Test
    void cancelAndRedeployAreUnavailableAndChangeNothing() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        String queued = fixtures.queued(user.caller(), service, 'e').id();

        error(
                post(
                        user.bearer(),
                        "mutation($d: ID!) { cancelDeployment(deploymentId: $d) { id } }",
                        Map.of("d", queued)),
                "UNAVAILABLE");
        error(
                post(
                        user.bearer(),
                        "mutation($d: ID!) { redeployDeployment(deploymentId: $d) { id } }",
                        Map.of("d", queued)),
                "UNAVAILABLE");

        assertThat(deployments.get(user.caller(), queued).status()).isEqualTo("queued");
        assertThat(deployments.count(user.caller(), service)).isEqualTo(1);
    }

    @Test
    void aRollbackToADeploymentWithoutImageIsAConflictBeforeTemporal() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        String failed = fixtures.failed(user.caller(), service, 'f').id();

        error(
                post(
                        user.bearer(),
                        "mutation($d: ID!) { rollbackDeployment(deploymentId: $d) { id } }",
                        Map.of("d", failed)),
                "CONFLICT");

        assertThat(deployments.count(user.caller(), service)).isEqualTo(1);
    }

    @Test
    void aRollbackWithoutATargetIsAConflictBeforeTemporalWhenNothingEarlierRan() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        fixtures.active(user.caller(), service, 'a');

        var refused =
                error(
                        post(
                                user.bearer(),
                                "mutation($s: ID!) { rollbackDeployment(serviceId: $s) { id } }",
                                Map.of("s", service)),
                        "CONFLICT");

        assertThat(refused.get("message").toString()).contains("nothing to roll back to");
        assertThat(deployments.count(user.caller(), service)).isEqualTo(1);
    }

    @Test
    void aRollbackWithoutATargetFindsTheEarlierDeploymentThenNeedsTemporal() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");
        fixtures.active(user.caller(), service, 'a');
        fixtures.active(user.caller(), service, 'b');

        error(
                post(
                        user.bearer(),
                        "mutation($s: ID!) { rollbackDeployment(serviceId: $s) { id } }",
                        Map.of("s", service)),
                "UNAVAILABLE");

        assertThat(deployments.count(user.caller(), service)).isEqualTo(2);
    }

    @Test
    void aRollbackNamesTheServiceOrTheDeployment() {
        Account user = accounts.register();

        badInput(post(user.bearer(), "mutation { rollbackDeployment { id } }"), "serviceId");
    }

    @Test
    void deleteServiceIsUnavailableAndTheServiceStays() {
        Account user = accounts.register();
        String service = fixtures.service(user.caller(), "web");

        error(
                post(
                        user.bearer(),
                        "mutation($s: ID!) { deleteService(id: $s) }",
                        Map.of("s", service)),
                "UNAVAILABLE");

        assertThat(services.get(user.caller(), service).name()).isEqualTo("web");
    }

    @Test
    void queriesKeepWorking() {
        Account user = accounts.register();
        fixtures.service(user.caller(), "web");

        var answer =
                ok(
                        post(
                                user.bearer(),
                                "{ projects { edges { node { services { totalCount } } } } }"));

        assertThat(answer.getInt("data.projects.edges[0].node.services.totalCount")).isEqualTo(1);
        assertThat(projects.list(user.caller(), PageRequest.firstPage()).items()).hasSize(1);
    }
}
