package ink.ml.deploy.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.ServiceFleet;
import ink.ml.deploy.testing.StatementCounter;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * list_services and get_service run the same number of SQL statements for an account with one
 * project and one service as for one with 50 projects of 20 services, each with several
 * deployments, and get_service as many for a deployment with thousands of events and build output
 * lines as for one with a few.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class ReadToolsStatementsTest {
    /** Sign-in, the default project, then its services (the project again, the page, names). */
    static final int LIST_SERVICES = 5;

    /**
     * Sign-in, the service (ownership, project, names), its recent deployments (ownership, page),
     * its newest deployment's last events and build lines (ownership and rows each), whether it
     * failed (ownership, newest) and its custom domains: 1 + 3 + 2 + 2 + 2 + 2 + 1.
     */
    static final int GET_SERVICE = 13;

    private static final Logger LOG = Logger.getLogger(ReadToolsStatementsTest.class);

    @TestHTTPResource("/")
    URI server;

    @Inject ToolFixtures fixtures;
    @Inject DataSource dataSource;
    @Inject SessionFactory sessionFactory;

    @Test
    void listServicesRunsAsManyStatementsForTwentyServicesAsForOne() {
        try (McpTestClient small = clientOf("fleetlists", new ServiceFleet(1, 1, 3, 7));
                McpTestClient large = clientOf("fleetlistl", new ServiceFleet(50, 20, 3, 7))) {
            Map<String, Object> arguments = Map.of("first", 20);
            assertThat(services(small.ok("list_services", arguments))).hasSize(1);
            assertThat(services(large.ok("list_services", arguments))).hasSize(20);

            long smallCount = statementsOf(() -> small.ok("list_services", arguments));
            long largeCount = statementsOf(() -> large.ok("list_services", arguments));

            LOG.infof(
                    "list_services ran %d SQL statements for 1 service and %d for 20 (of 50"
                            + " projects x 20)",
                    smallCount, largeCount);
            assertThat(largeCount).isEqualTo(smallCount);
            assertThat(largeCount).isLessThanOrEqualTo(LIST_SERVICES);
        }
    }

    @Test
    void getServiceRunsAsManyStatementsForALongHistoryAsForAShortOne() {
        try (McpTestClient small = clientOf("fleetgets", new ServiceFleet(1, 1, 3, 7));
                McpTestClient large = clientOf("fleetgetl", new ServiceFleet(50, 20, 3, 7))) {
            String smallService = firstServiceId(small);
            String largeService = firstServiceId(large);
            ServiceFleet.longHistory(dataSource, largeService, 2500, 2500);
            Map<String, Object> smallArguments = Map.of("serviceId", smallService);
            Map<String, Object> largeArguments = Map.of("serviceId", largeService);

            Map<String, Object> status = large.ok("get_service", largeArguments);
            assertThat(status).containsEntry("status", "active");
            assertThat(list(status, "recentEvents")).hasSize(20);
            assertThat(list(status, "recentEvents").get(19)).containsEntry("message", "step 2500");
            @SuppressWarnings("unchecked")
            List<String> buildLog = (List<String>) status.get("buildLog");
            assertThat(buildLog).hasSize(50).endsWith("line 2500");

            long smallCount = statementsOf(() -> small.ok("get_service", smallArguments));
            long largeCount = statementsOf(() -> large.ok("get_service", largeArguments));

            LOG.infof(
                    "get_service ran %d SQL statements for 3 deployments of 7 events and %d with"
                            + " 2507 events and 2500 build lines",
                    smallCount, largeCount);
            assertThat(largeCount).isEqualTo(smallCount);
            assertThat(largeCount).isLessThanOrEqualTo(GET_SERVICE);
        }
    }

    private McpTestClient clientOf(String userId, ServiceFleet fleet) {
        Caller user = fixtures.user(userId);
        fleet.seed(dataSource, userId);
        return McpTestClient.connect(server, fixtures.apiKey(user), Optional.empty());
    }

    private String firstServiceId(McpTestClient client) {
        return (String) services(client.ok("list_services", Map.of("first", 1))).get(0).get("id");
    }

    private long statementsOf(Runnable call) {
        return StatementCounter.statementsOf(sessionFactory, call);
    }

    private static List<Map<String, Object>> services(Map<String, Object> list) {
        return list(list, "services");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> map, String key) {
        return (List<Map<String, Object>>) map.get(key);
    }
}
