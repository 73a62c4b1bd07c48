package ink.ml.deploy.graphql.api.deployments;

import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.platform.projects.Projects;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.StatementCounter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * {@code projects { services { latestDeployment } }} runs the same number of SQL statements however
 * many services the projects hold: the latest deployments of all services in the response come from
 * one batched query, not one per service.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class LatestDeploymentBatchingTest {
    static final String DASHBOARD =
            "{ projects(first: 20) { edges { node { id name services(first: 50) { edges { node {"
                    + " id name latestDeployment { id serviceId status } } } } } } } }";

    private static final Logger LOG = Logger.getLogger(LatestDeploymentBatchingTest.class);

    @Inject Accounts accounts;
    @Inject Projects projects;
    @Inject DeploymentFixtures fixtures;
    @Inject SessionFactory sessionFactory;

    @Test
    void statementsDoNotGrowWithTheNumberOfServices() {
        Account small = userWithServicesPerProject(2);
        Account large = userWithServicesPerProject(25);

        long smallCount = statementsOf(small);
        long largeCount = statementsOf(large);

        LOG.infof(
                "the dashboard query ran %d SQL statements (2 projects, 50 services)", largeCount);
        assertThat(largeCount).isEqualTo(smallCount);
        // Sign-in, projects, the services of all of them (projects, pages, variable names),
        // then one query for every latest deployment.
        assertThat(largeCount).isLessThanOrEqualTo(12);
    }

    @Test
    void everyServiceGetsItsOwnLatestDeployment() {
        Account user = userWithServicesPerProject(3);

        JsonPath answer = ok(post(user.bearer(), DASHBOARD));

        List<Map<String, Object>> services =
                answer
                        .<List<Map<String, Object>>>getList(
                                "data.projects.edges.node.services.edges.node")
                        .stream()
                        .flatMap(List::stream)
                        .toList();
        assertThat(services).hasSize(6);
        for (Map<String, Object> service : services) {
            @SuppressWarnings("unchecked")
            Map<String, Object> latest = (Map<String, Object>) service.get("latestDeployment");
            assertThat(latest).containsEntry("serviceId", service.get("id"));
            assertThat(latest).containsEntry("status", "QUEUED");
        }
    }

    /** Two projects (the default and one more), each with services that all have a deployment. */
    private Account userWithServicesPerProject(int services) {
        Account user = accounts.register();
        List<String> projectIds =
                List.of(
                        projects.getDefault(user.caller()).id(),
                        projects.create(user.caller(), "second").id());
        for (int p = 0; p < projectIds.size(); p++) {
            for (int i = 0; i < services; i++) {
                String service =
                        fixtures.service(user.caller(), projectIds.get(p), "p" + p + "s" + i);
                fixtures.queued(user.caller(), service, 'a');
            }
        }
        return user;
    }

    private long statementsOf(Account user) {
        return StatementCounter.statementsOf(
                sessionFactory, () -> ok(post(user.bearer(), DASHBOARD)));
    }
}
