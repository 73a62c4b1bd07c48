package ink.ml.deploy.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import ink.ml.deploy.testing.PostgresTestResource;
import ink.ml.deploy.testing.TemporalTestServerResource;
import io.modelcontextprotocol.spec.McpSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The names, input and output schemas and annotations of {@code tools/list}, as the SDK client
 * reads them, must equal the committed {@code src/test/resources/mcp/tools-list.json}: a renamed
 * argument or a changed limit breaks agents that learned the old one, so it must be a reviewed
 * change. After an intended change, run with {@code -Dmcpdeploy.snapshot.update=true} and commit
 * the file.
 */
@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, parallel = true)
@WithTestResource(value = TemporalTestServerResource.class, parallel = true)
class ToolListSnapshotTest {
    private static final Path SNAPSHOT = Path.of("src/test/resources/mcp/tools-list.json");

    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @TestHTTPResource("/")
    URI server;

    @Inject ToolFixtures fixtures;

    @Test
    void toolListEqualsTheCommittedSnapshot() throws IOException {
        String actual;
        try (McpTestClient mcp =
                McpTestClient.connect(
                        server,
                        fixtures.apiKey(fixtures.user(McpToolsTest.OWNER)),
                        Optional.empty())) {
            actual = JSON.writeValueAsString(snapshotOf(mcp.sdk().listTools().tools())) + "\n";
        }
        if (Boolean.getBoolean("mcpdeploy.snapshot.update")) {
            Files.writeString(SNAPSHOT, actual, StandardCharsets.UTF_8);
        }
        assertThat(SNAPSHOT)
                .as("run with -Dmcpdeploy.snapshot.update=true to write it, then review and commit")
                .exists();
        assertThat(actual).isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }

    private static List<Map<String, Object>> snapshotOf(List<McpSchema.Tool> tools) {
        return tools.stream()
                .sorted(Comparator.comparing(McpSchema.Tool::name))
                .map(ToolListSnapshotTest::snapshotOf)
                .toList();
    }

    private static Map<String, Object> snapshotOf(McpSchema.Tool tool) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", tool.name());
        McpSchema.ToolAnnotations hints = tool.annotations();
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("readOnlyHint", hints.readOnlyHint());
        annotations.put("destructiveHint", hints.destructiveHint());
        annotations.put("idempotentHint", hints.idempotentHint());
        annotations.put("openWorldHint", hints.openWorldHint());
        entry.put("annotations", annotations);
        entry.put("inputSchema", tool.inputSchema());
        entry.put("outputSchema", tool.outputSchema());
        return entry;
    }
}
