package ink.ml.deploy.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.platform.common.Caller;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.PrometheusText;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Tool calls made by the MCP SDK client are counted by tool and outcome on /q/metrics. */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class ToolCallsInterceptorTest {
    private static final String CALLS = "mcpdeploy_mcp_tool_calls_total";

    @TestHTTPResource("/")
    URI server;

    @Inject ToolFixtures fixtures;

    @Test
    void callsAreCountedByToolAndOutcome() {
        Caller caller = fixtures.user("mtr" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, String> whoami = Map.of("tool", "whoami", "outcome", "ok");
        Map<String, String> notFound = Map.of("tool", "get_service", "outcome", "not_found");
        Map<String, String> invalid = Map.of("tool", "get_service", "outcome", "invalid_argument");
        String before = PrometheusText.scrape();

        try (McpTestClient mcp =
                McpTestClient.connect(server, fixtures.apiKey(caller), Optional.empty())) {
            mcp.ok("whoami", Map.of());
            mcp.error("get_service", Map.of("serviceId", UUID.randomUUID().toString()));
            mcp.error("get_service", Map.of("serviceId", "not-a-uuid"));
        }

        String after = PrometheusText.scrape();
        for (Map<String, String> tags : List.of(whoami, notFound, invalid)) {
            assertThat(calls(after, tags) - calls(before, tags)).as(tags.toString()).isEqualTo(1);
        }
    }

    private static double calls(String metrics, Map<String, String> tags) {
        return PrometheusText.value(metrics, CALLS, tags);
    }
}
