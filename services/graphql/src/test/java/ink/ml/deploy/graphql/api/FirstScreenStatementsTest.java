package ink.ml.deploy.graphql.api;

import static ink.ml.deploy.graphql.api.Gql.ok;
import static ink.ml.deploy.graphql.api.Gql.post;
import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.graphql.api.Accounts.Account;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.ServiceFleet;
import ink.ml.deploy.testing.StatementCounter;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's first screen (projects, their services with URL and custom domains, each
 * service's latest deployment and its first events) runs the same number of SQL statements for an
 * account with one project and one service as for one with 50 projects of 20 services, each with
 * several deployments: every level is one batched query, never one per project, service or
 * deployment. The same holds for every list under a project or a service (repositories, services,
 * deployments) and for each list's totalCount.
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@TestProfile(FirstScreenStatementsTest.WholeAccountInOneQuery.class)
class FirstScreenStatementsTest {
    static final String FIRST_SCREEN =
            "{ projects(first: 50) { edges { node { id name services(first: 20) { edges { node {"
                    + " id name url customDomains { domain } latestDeployment { id serviceId"
                    + " status events(first: 5) { edges { node { step status message } }"
                    + " pageInfo { hasNextPage } } } } } } } } } }";

    /**
     * Sign-in (the API key), the projects, the services of all of them (the projects again, every
     * page in one query, the variable names), then one query each for the latest deployments, their
     * events and the custom domains.
     */
    static final int STATEMENTS = 9;

    /**
     * Every list under a project and a service, each with its totalCount: the projects' internal
     * repositories, the services and each service's deployments.
     */
    static final String EVERY_LIST =
            "{ projects(first: 50) { totalCount edges { node { id"
                    + " internalRepos(first: 2) { totalCount edges { node { name } }"
                    + " pageInfo { hasNextPage } }"
                    + " services(first: 20) { totalCount edges { node { id"
                    + " deployments(first: 2) { totalCount edges { node { serviceId status } }"
                    + " pageInfo { hasNextPage } } } } } } } } }";

    /**
     * Sign-in, the projects and their total, the services (three, as for the first screen), then
     * one query each for the services' totals, the deployments' pages, their totals, the
     * repositories' pages and their totals.
     */
    static final int EVERY_LIST_STATEMENTS = 12;

    private static final Logger LOG = Logger.getLogger(FirstScreenStatementsTest.class);

    /**
     * 50 projects of 20 services ask for more than the default complexity limit allows in one
     * query; the limit is not what this test measures.
     */
    public static class WholeAccountInOneQuery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mcpdeploy.graphql.limits.max-complexity", "1000000");
        }
    }

    @Inject Accounts accounts;
    @Inject DataSource dataSource;
    @Inject SessionFactory sessionFactory;

    @Test
    void firstScreenRunsAsManyStatementsForFiftyProjectsAsForOne() {
        Account small = accountWith(new ServiceFleet(1, 1, 3, 7));
        Account large = accountWith(new ServiceFleet(50, 20, 3, 7));

        long smallCount = statementsOf(small);
        long largeCount = statementsOf(large);

        LOG.infof(
                "the first screen ran %d SQL statements for 1 project x 1 service and %d for 50"
                        + " projects x 20 services",
                smallCount, largeCount);
        assertThat(largeCount).isEqualTo(smallCount);
        assertThat(largeCount).isLessThanOrEqualTo(STATEMENTS);
    }

    @Test
    void everyListUnderProjectsAndServicesRunsAsManyStatementsForFiftyProjectsAsForOne() {
        Account small = accountWith(new ServiceFleet(1, 1, 3, 0), 3);
        Account large = accountWith(new ServiceFleet(50, 20, 3, 0), 3);

        long smallCount = statementsOf(small, EVERY_LIST);
        long largeCount = statementsOf(large, EVERY_LIST);

        LOG.infof(
                "every list with its totalCount ran %d SQL statements for 1 project x 1 service"
                        + " and %d for 50 projects x 20 services",
                smallCount, largeCount);
        assertThat(largeCount).isEqualTo(smallCount);
        assertThat(largeCount).isLessThanOrEqualTo(EVERY_LIST_STATEMENTS);
    }

    @Test
    void everyProjectAndServiceShowsItsOwnListsAndTotals() {
        Account user = accountWith(new ServiceFleet(3, 4, 3, 0), 3);

        JsonPath answer = ok(post(user.bearer(), EVERY_LIST));

        assertThat(answer.getInt("data.projects.totalCount")).isEqualTo(3);
        List<Map<String, Object>> projects = answer.getList("data.projects.edges.node");
        assertThat(projects).hasSize(3);
        for (Map<String, Object> project : projects) {
            @SuppressWarnings("unchecked")
            Map<String, Object> repos = (Map<String, Object>) project.get("internalRepos");
            assertThat(repos.get("totalCount")).isEqualTo(3);
            assertThat(repos.get("edges"))
                    .isEqualTo(
                            List.of(
                                    Map.of("node", Map.of("name", "r1")),
                                    Map.of("node", Map.of("name", "r2"))));
            assertThat(repos.get("pageInfo")).isEqualTo(Map.of("hasNextPage", true));
            @SuppressWarnings("unchecked")
            Map<String, Object> services = (Map<String, Object>) project.get("services");
            assertThat(services.get("totalCount")).isEqualTo(4);
            @SuppressWarnings("unchecked")
            List<Map<String, Map<String, Object>>> edges =
                    (List<Map<String, Map<String, Object>>>) services.get("edges");
            assertThat(edges).hasSize(4);
            for (Map<String, Map<String, Object>> edge : edges) {
                Map<String, Object> service = edge.get("node");
                @SuppressWarnings("unchecked")
                Map<String, Object> deployments = (Map<String, Object>) service.get("deployments");
                assertThat(deployments.get("totalCount")).isEqualTo(3);
                assertThat(deployments.get("edges"))
                        .isEqualTo(
                                List.of(
                                        Map.of(
                                                "node",
                                                Map.of(
                                                        "serviceId",
                                                        service.get("id"),
                                                        "status",
                                                        "ACTIVE")),
                                        Map.of(
                                                "node",
                                                Map.of(
                                                        "serviceId",
                                                        service.get("id"),
                                                        "status",
                                                        "FAILED"))));
                assertThat(deployments.get("pageInfo")).isEqualTo(Map.of("hasNextPage", true));
            }
        }
    }

    @Test
    void everyServiceShowsItsOwnLatestDeploymentAndItsFirstEvents() {
        Account user = accountWith(new ServiceFleet(3, 4, 3, 7));

        JsonPath answer = ok(post(user.bearer(), FIRST_SCREEN));

        List<Map<String, Object>> projects = answer.getList("data.projects.edges.node");
        assertThat(projects).hasSize(3);
        List<Map<String, Object>> services =
                answer
                        .<List<Map<String, Object>>>getList(
                                "data.projects.edges.node.services.edges.node")
                        .stream()
                        .flatMap(List::stream)
                        .toList();
        assertThat(services).hasSize(12);
        for (Map<String, Object> service : services) {
            assertThat((String) service.get("url")).startsWith("https://" + service.get("name"));
            assertThat(service.get("customDomains")).isEqualTo(List.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> latest = (Map<String, Object>) service.get("latestDeployment");
            assertThat(latest)
                    .containsEntry("serviceId", service.get("id"))
                    .containsEntry("status", "ACTIVE");
            @SuppressWarnings("unchecked")
            Map<String, Object> page = (Map<String, Object>) latest.get("events");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> edges = (List<Map<String, Object>>) page.get("edges");
            assertThat(edges)
                    .extracting(edge -> (Object) ((Map<?, ?>) edge.get("node")).get("message"))
                    .containsExactly(
                            "step 1 of " + latest.get("id"),
                            "step 2 of " + latest.get("id"),
                            "step 3 of " + latest.get("id"),
                            "step 4 of " + latest.get("id"),
                            "step 5 of " + latest.get("id"));
            assertThat(page.get("pageInfo")).isEqualTo(Map.of("hasNextPage", true));
        }
    }

    private Account accountWith(ServiceFleet fleet) {
        Account user = accounts.register();
        fleet.seed(dataSource, user.id());
        return user;
    }

    /** The fleet, and {@code reposPerProject} internal repositories r1, r2, … in each project. */
    private Account accountWith(ServiceFleet fleet, int reposPerProject) {
        Account user = accountWith(fleet);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement(
                                "insert into internal_repos (id, project_id, name, created_at)"
                                        + " select gen_random_uuid(), p.id, 'r' || n,"
                                        + "   now() + n * interval '1 millisecond'"
                                        + " from projects p cross join generate_series(1, ?) n"
                                        + " where p.user_id = ?")) {
            insert.setInt(1, reposPerProject);
            insert.setString(2, user.id());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not add repositories", e);
        }
        return user;
    }

    private long statementsOf(Account user) {
        return statementsOf(user, FIRST_SCREEN);
    }

    private long statementsOf(Account user, String query) {
        return StatementCounter.statementsOf(sessionFactory, () -> ok(post(user.bearer(), query)));
    }
}
