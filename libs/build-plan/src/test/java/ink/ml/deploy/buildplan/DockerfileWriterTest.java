package ink.ml.deploy.buildplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import ink.ml.deploy.buildplan.DockerfileWriter.CacheMount;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfileWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "npm ci",
                "echo \"quoted\" 'single' && npm start",
                "npm run build \\",
                "cat <<EOF > x",
                "echo $HOME ${PORT} `id` $(id)",
                "echo \\\"\\\\ backslashes \\n",
                "echo ünïcødé ✓",
                "echo tab\tseparated"
            })
    void commandStaysInsideItsRunInstruction(String command) throws Exception {
        String text =
                new DockerfileWriter()
                        .run(command, List.of(CacheMount.appUser("/home/app/.npm")))
                        .from("next")
                        .text();

        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("FROM next");
        String run = lines.get(0);
        assertThat(run)
                .startsWith("RUN --mount=type=cache,target=/home/app/.npm,uid=10001,gid=10001 [")
                .endsWith("]");
        List<String> argv =
                JSON.readValue(run.substring(run.indexOf('[')), new TypeReference<>() {});
        assertThat(argv).containsExactly("/bin/sh", "-c", command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"exec node server.js", "npm start", "node 'my app.js' \"$PORT\""})
    void startCommandIsExecFormJson(String start) throws Exception {
        String cmd = new DockerfileWriter().cmd(List.of("/bin/sh", "-c", start)).text().strip();

        assertThat(cmd).startsWith("CMD [").doesNotContain("\n");
        List<String> argv = JSON.readValue(cmd.substring(4), new TypeReference<>() {});
        assertThat(argv).containsExactly("/bin/sh", "-c", start);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\rb", "a\u0000b", "a\u2028b"})
    void jsonStringEscapesLineBreaksAndControlCharacters(String value) throws Exception {
        String json = DockerfileWriter.jsonString(value);

        assertThat(json).doesNotContain("\n", "\r", "\u0000", "\u2028");
        assertThat(JSON.readValue(json, String.class)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/root/.m2", "/go-cache/mod"})
    void rootCacheMountHasNoOwner(String target) {
        assertThat(CacheMount.root(target).flag()).isEqualTo("--mount=type=cache,target=" + target);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void scriptContinuesEachLineButTheLast(int lines) {
        List<String> script = List.of("echo one;", "echo two;", "echo three").subList(0, lines);

        String text = new DockerfileWriter().runScript(script).text();

        assertThat(text.lines().toList()).hasSize(lines);
        assertThat(text.lines().limit(lines - 1)).allMatch(line -> line.endsWith(" \\"));
        assertThat(text.lines().skip(lines - 1)).noneMatch(line -> line.endsWith("\\"));
    }
}
