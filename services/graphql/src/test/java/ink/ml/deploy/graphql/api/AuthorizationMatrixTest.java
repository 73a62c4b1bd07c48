package ink.ml.deploy.graphql.api;

import static ink.ml.deploy.graphql.api.Gql.error;
import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.DeploymentStep;
import ink.ml.deploy.domain.EventStatus;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.graphql.api.deployments.DeploymentFixtures;
import ink.ml.deploy.platform.apikeys.ApiKeyView;
import ink.ml.deploy.platform.apikeys.ApiKeys;
import ink.ml.deploy.platform.deployments.DeploymentRecords;
import ink.ml.deploy.platform.deployments.DeploymentView;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.domains.CustomDomains;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.platform.repos.InternalRepos;
import ink.ml.deploy.platform.services.ServiceView;
import ink.ml.deploy.platform.services.Services;
import ink.ml.deploy.platform.variables.Variables;
import ink.ml.deploy.testing.PostgresTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * User B tries every query and mutation on user A's objects: each answers NOT_FOUND, exactly like
 * an id that never existed, and A's objects are as they were.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class AuthorizationMatrixTest {
    @Inject Accounts accounts;
    @Inject DeploymentFixtures fixtures;
    @Inject Projects projects;
    @Inject Services services;
    @Inject Variables variables;
    @Inject Deployments deployments;
    @Inject DeploymentRecords records;
    @Inject ApiKeys apiKeys;
    @Inject InternalRepos repos;
    @Inject CustomDomains domains;

    Account owner;
    Account intruder;
    String project;
    String service;
    String deployment;
    String apiKey;
    String repo;
    String gitToken;
    String domain;
    ServiceView serviceBefore;

    @BeforeEach
    void ownerHasOneOfEverything() {
        owner = accounts.register();
        intruder = accounts.register();
        project = projects.create(owner.caller(), "private").id();
        repo = repos.create(owner.caller(), project, "code").id();
        gitToken = repos.issueToken(owner.caller(), repo, null).id();
        service = fixtures.service(owner.caller(), project, "secret-app");
        variables.set(owner.caller(), service, Map.of("PASSWORD", "hunter2"));
        deployment = fixtures.queued(owner.caller(), service, 'c').id();
        records.appendEvent(
                UUID.fromString(deployment), DeploymentStep.BUILD, EventStatus.STARTED, "build");
        records.appendLogLines(UUID.fromString(deployment), 1, List.of("step 1"));
        apiKey = apiKeys.list(owner.caller(), PageRequest.firstPage()).items().get(0).id();
        domain = domains.add(owner.caller(), service, owner.caller().id() + ".example.com").id();
        serviceBefore = services.get(owner.caller(), service);
    }

    /** Every operation that takes an id of the owner's, as the intruder would send it. */
    private Map<String, String> operationsOnTheOwnersObjects() {
        Map<String, String> operations = new LinkedHashMap<>();
        operations.put("project", "{ project(id: \"" + project + "\") { id } }");
        operations.put("service", "{ service(id: \"" + service + "\") { id } }");
        operations.put(
                "deployments", "{ deployments(serviceId: \"" + service + "\") { totalCount } }");
        operations.put("deployment", "{ deployment(id: \"" + deployment + "\") { id } }");
        operations.put(
                "buildLogs",
                "{ buildLogs(deploymentId: \"" + deployment + "\") { edges { cursor } } }");
        operations.put(
                "serviceLogs",
                "{ serviceLogs(serviceId: \"" + service + "\") { edges { cursor } } }");
        operations.put(
                "serviceMetrics", "{ serviceMetrics(serviceId: \"" + service + "\") { step } }");
        operations.put(
                "internalRepos",
                "{ internalRepos(projectId: \"" + project + "\") { totalCount } }");
        operations.put(
                "revealVariables",
                "{ revealVariables(serviceId: \"" + service + "\") { name value } }");
        operations.put("deleteProject", "mutation { deleteProject(id: \"" + project + "\") }");
        operations.put(
                "createService in the owner's project",
                "mutation { createService(input: {projectId: \""
                        + project
                        + "\", name: \"x\", githubRepo: \"a/b\"}) { id } }");
        operations.put(
                "createService from the owner's repository",
                "mutation { createService(input: {name: \"x\", repoId: \""
                        + repo
                        + "\"}) { id } }");
        operations.put(
                "updateService",
                "mutation { updateService(id: \""
                        + service
                        + "\", input: {branch: \"evil\"}) { id } }");
        operations.put(
                "setVariables",
                "mutation { setVariables(serviceId: \""
                        + service
                        + "\", variables: [{name: \"PASSWORD\", value: \"x\"}]) { id } }");
        operations.put(
                "deleteVariables",
                "mutation { deleteVariables(serviceId: \""
                        + service
                        + "\", names: [\"PASSWORD\"]) { id } }");
        operations.put("revokeApiKey", "mutation { revokeApiKey(id: \"" + apiKey + "\") { id } }");
        operations.put(
                "createInternalRepo",
                "mutation { createInternalRepo(projectId: \""
                        + project
                        + "\", name: \"mine\") { id } }");
        operations.put(
                "createGitToken",
                "mutation { createGitToken(repoId: \"" + repo + "\") { token } }");
        operations.put("gitTokens", "{ gitTokens(repoId: \"" + repo + "\") { id } }");
        operations.put(
                "revokeGitToken", "mutation { revokeGitToken(id: \"" + gitToken + "\") { id } }");
        operations.put(
                "deployService",
                "mutation { deployService(serviceId: \"" + service + "\") { id } }");
        operations.put(
                "redeployDeployment",
                "mutation { redeployDeployment(deploymentId: \"" + deployment + "\") { id } }");
        operations.put(
                "rollbackDeployment",
                "mutation { rollbackDeployment(deploymentId: \"" + deployment + "\") { id } }");
        operations.put(
                "rollbackDeployment by service",
                "mutation { rollbackDeployment(serviceId: \"" + service + "\") { id } }");
        operations.put(
                "rollbackDeployment by service and deployment",
                "mutation { rollbackDeployment(serviceId: \""
                        + service
                        + "\", deploymentId: \""
                        + deployment
                        + "\") { id } }");
        operations.put(
                "cancelDeployment",
                "mutation { cancelDeployment(deploymentId: \"" + deployment + "\") { id } }");
        operations.put(
                "addCustomDomain",
                "mutation { addCustomDomain(serviceId: \""
                        + service
                        + "\", domain: \"intruder.example.com\") { id } }");
        operations.put(
                "verifyCustomDomain",
                "mutation { verifyCustomDomain(id: \"" + domain + "\") { id } }");
        operations.put(
                "removeCustomDomain", "mutation { removeCustomDomain(id: \"" + domain + "\") }");
        operations.put("deleteService", "mutation { deleteService(id: \"" + service + "\") }");
        return operations;
    }

    @Test
    void everyOperationOnAnotherUsersObjectIsNotFound() {
        operationsOnTheOwnersObjects()
                .forEach(
                        (name, operation) -> {
                            var answer = post(intruder.bearer(), operation);
                            assertThat(answer.getList("errors"))
                                    .as(name + ": " + answer.prettify())
                                    .hasSize(1);
                            error(answer, "NOT_FOUND");
                            assertThat(answer.prettify()).as(name).doesNotContain("hunter2");
                        });
    }

    @Test
    void nothingOfTheOwnersChanged() {
        operationsOnTheOwnersObjects().values().forEach(op -> post(intruder.bearer(), op));

        assertThat(projects.get(owner.caller(), project).name()).isEqualTo("private");
        assertThat(services.get(owner.caller(), service)).isEqualTo(serviceBefore);
        assertThat(variables.reveal(owner.caller(), service))
                .containsExactlyEntriesOf(Map.of("PASSWORD", "hunter2"));
        ApiKeyView key = apiKeys.list(owner.caller(), PageRequest.firstPage()).items().get(0);
        assertThat(key.revoked()).isFalse();
        assertThat(repos.count(owner.caller(), project)).isEqualTo(1);
        assertThat(deployments.get(owner.caller(), deployment).status()).isEqualTo("queued");
        // A deployment or service the intruder managed to add to the owner's would show here.
        assertThat(deployments.list(owner.caller(), service, PageRequest.firstPage()).items())
                .extracting(DeploymentView::id)
                .containsExactly(deployment);
        assertThat(services.count(owner.caller(), project)).isEqualTo(1);
        assertThat(domains.get(owner.caller(), domain).verificationRequestedAt()).isEmpty();
        assertThat(domains.list(owner.caller(), service, PageRequest.firstPage()).items())
                .hasSize(1);
        // The intruder's own lists show none of it.
        var mine =
                ok(
                        post(
                                intruder.bearer(),
                                "{ projects { totalCount edges { node { name services {"
                                        + " totalCount } } } } apiKeys { totalCount } }"));
        assertThat(mine.getInt("data.projects.totalCount")).isEqualTo(1);
        assertThat(mine.getInt("data.projects.edges[0].node.services.totalCount")).isZero();
        assertThat(mine.getInt("data.apiKeys.totalCount")).isEqualTo(1);
    }

    @Test
    void theOwnerStillReachesEverything() {
        operationsOnTheOwnersObjects().entrySet().stream()
                .filter(e -> e.getValue().startsWith("{"))
                .forEach(e -> ok(post(owner.bearer(), e.getValue())));
    }
}
