package ink.ml.deploy.graphql.api.domains;

import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts;
import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.graphql.api.deployments.DeploymentFixtures;
import ink.ml.deploy.platform.domains.CustomDomains;
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
 * {@code projects { services { customDomains } }} runs the same number of SQL statements however
 * many services the projects hold: the domains of all services in the response come from one
 * batched query, not one per service.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
class CustomDomainsBatchingTest {
    static final String DASHBOARD =
            "{ projects(first: 20) { edges { node { id services(first: 50) { edges { node {"
                    + " id customDomains { id serviceId domain records { type expected status } } }"
                    + " } } } } } }";

    private static final Logger LOG = Logger.getLogger(CustomDomainsBatchingTest.class);

    @Inject Accounts accounts;
    @Inject Projects projects;
    @Inject DeploymentFixtures fixtures;
    @Inject CustomDomains domains;
    @Inject SessionFactory sessionFactory;

    @Test
    void statementsDoNotGrowWithTheNumberOfServices() {
        Account small = userWithServicesPerProject(2);
        Account large = userWithServicesPerProject(15);

        long smallCount = statementsOf(small);
        long largeCount = statementsOf(large);

        LOG.infof(
                "the custom domains query ran %d SQL statements (2 projects, 30 services)",
                largeCount);
        assertThat(largeCount).isEqualTo(smallCount);
        // Sign-in, projects, the services of all of them (projects, pages, variable names),
        // then one query for every service's domains.
        assertThat(largeCount).isLessThanOrEqualTo(12);
    }

    @Test
    void everyServiceGetsItsOwnDomains() {
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
            List<Map<String, Object>> own =
                    (List<Map<String, Object>>) service.get("customDomains");
            assertThat(own).hasSize(1);
            assertThat(own.get(0)).containsEntry("serviceId", service.get("id"));
        }
    }

    /** Two projects (the default and one more), each with services that each have one domain. */
    private Account userWithServicesPerProject(int services) {
        Account user = accounts.register();
        List<String> projectIds =
                List.of(
                        projects.getDefault(user.caller()).id(),
                        projects.create(user.caller(), "second").id());
        for (int p = 0; p < projectIds.size(); p++) {
            for (int i = 0; i < services; i++) {
                String name = "p" + p + "s" + i;
                String service = fixtures.service(user.caller(), projectIds.get(p), name);
                domains.add(
                        user.caller(), service, name + "-" + user.caller().id() + ".example.com");
            }
        }
        return user;
    }

    private long statementsOf(Account user) {
        return StatementCounter.statementsOf(
                sessionFactory, () -> ok(post(user.bearer(), DASHBOARD)));
    }
}
