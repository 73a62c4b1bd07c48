package ink.ml.deploy.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One session of an agent, as the official SDK client saw it: it checks who it is, creates a
 * repository, pushes nothing yet, creates a service from it and reads the service's status. The
 * JSON-RPC messages, secrets elided, go to {@code target/mcp-transcript.txt}.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class McpTranscriptTest {
    static final Path TRANSCRIPT = Path.of("target/mcp-transcript.txt");

    @TestHTTPResource("/")
    URI server;

    @Inject ToolFixtures fixtures;
    @Inject InProcessWorker worker;

    @Test
    void anAgentCreatesARepoAndAServiceAndReadsItsStatus() {
        worker.start();
        String apiKey = fixtures.apiKey(fixtures.user(McpToolsTest.OWNER));
        String repo = fixtures.unique("notes");
        String service = fixtures.unique("notes").replace("-", "");
        Transcript transcript = new Transcript();
        transcript.hide("postgres://notes:hunter2@db.example/notes");

        transcript.note(
                "every HTTP request carries Authorization: Bearer dk_live_…(elided), a headless"
                        + " agent's API key; initialize (the SDK sends notifications/initialized"
                        + " after the result)");
        try (McpTestClient agent = McpTestClient.connect(server, apiKey, Optional.of(transcript))) {
            transcript.note("tools/list");
            agent.sdk().listTools();
            transcript.note("whoami");
            agent.ok("whoami", Map.of());
            transcript.note("create_repo: an empty repository and a push token");
            Map<String, Object> access = agent.ok("create_repo", Map.of("name", repo));
            transcript.note("create_service from it, before anything is pushed");
            Map<String, Object> created =
                    agent.ok(
                            "create_service",
                            Map.of(
                                    "name",
                                    service,
                                    "repo",
                                    repo,
                                    "port",
                                    3000,
                                    "env",
                                    Map.of(
                                            "DATABASE_URL",
                                            "postgres://notes:hunter2@db.example/notes")));
            String serviceId = (String) McpToolsTest.nested(created, "service").get("id");
            transcript.note("get_service: its status");
            Map<String, Object> status = agent.ok("get_service", Map.of("serviceId", serviceId));

            assertThat(status).containsEntry("status", "not_deployed");
            assertThat((String) created.get("next")).contains("nothing is deployed yet");
            String text = transcript.text();
            assertThat(text)
                    .contains("\"method\":\"initialize\"")
                    .contains("\"method\":\"tools/list\"")
                    .contains("\"name\":\"create_repo\"")
                    .contains("\"name\":\"create_service\"")
                    .contains("\"name\":\"get_service\"")
                    .contains("not_deployed")
                    .doesNotContain((String) access.get("token"))
                    .doesNotContain("hunter2");
        }
        transcript.writeTo(TRANSCRIPT);
        assertThat(TRANSCRIPT).exists();
    }
}
