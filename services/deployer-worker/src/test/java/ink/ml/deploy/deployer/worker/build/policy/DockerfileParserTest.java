package ink.ml.deploy.deployer.worker.build.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.deployer.worker.build.policy.DockerfileParser.Instruction;
import ink.ml.deploy.deployer.worker.build.policy.DockerfileParser.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileParserTest {
    @Test
    void numbersInstructionsByTheirFirstLineAndJoinsContinuationsWithoutSpace() {
        Parsed parsed =
                DockerfileParser.parse(
                        """
                        # escape=\\

                        FROM alp\\
                        ine AS build
                        run echo hi
                        """);

        assertThat(parsed.instructions())
                .extracting(Instruction::line, Instruction::keyword, Instruction::arguments)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "from", "alpine AS build"),
                        org.assertj.core.groups.Tuple.tuple(5, "run", "echo hi"));
    }

    @Test
    void separatesBuilderFlagsFromArguments() {
        Instruction copy =
                DockerfileParser.parse("COPY --from \"a b\" --chmod=644 src dst\n")
                        .instructions()
                        .get(0);

        assertThat(copy.flags()).containsExactly("--from=a b", "--chmod=644");
        assertThat(copy.arguments()).isEqualTo("src dst");
        assertThat(
                        DockerfileParser.parse("COPY --from=x --link src dst\n")
                                .instructions()
                                .get(0)
                                .flagValues("from"))
                .containsExactly("x");
    }

    @Test
    void skipsHeredocBodiesButKeepsLineNumbers() {
        Parsed parsed =
                DockerfileParser.parse(
                        """
                        FROM alpine
                        RUN <<ONE cat - <<'TWO'
                        body one
                        ONE
                        body two
                        TWO
                        EXPOSE 8080
                        """);

        assertThat(parsed.instructions())
                .extracting(Instruction::line, Instruction::keyword)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "from"),
                        org.assertj.core.groups.Tuple.tuple(2, "run"),
                        org.assertj.core.groups.Tuple.tuple(7, "expose"));
    }

    @Test
    void readsExecFormLikeBuildKitIgnoringTextAfterTheArray() {
        assertThat(DockerfileParser.jsonArray(" [\"a\", \"b\\u0063\"] trailing"))
                .contains(List.of("a", "bc"));
        assertThat(DockerfileParser.jsonArray("[\"a\", 1]")).isEmpty();
        assertThat(DockerfileParser.jsonArray("echo [\"a\"]")).isEmpty();
    }
}
