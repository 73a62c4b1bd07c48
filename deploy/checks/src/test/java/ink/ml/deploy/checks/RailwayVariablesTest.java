package ink.ml.deploy.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/railway/README.md documents every environment variable a product-plane service's
 * production configuration reads (its application.properties and its libraries' defaults), and
 * marks as required each one that has no default.
 */
class RailwayVariablesTest {
    static Stream<String> services() {
        return RepositoryTree.RAILWAY_SERVICES.stream();
    }

    @ParameterizedTest(name = "{0}: every variable its configuration reads is documented")
    @MethodSource("services")
    void everyVariableTheServiceReadsIsDocumented(String service) throws IOException {
        Map<String, Boolean> variables = ServiceConfig.of(service).variables();
        List<String> rows = rows();

        assertThat(variables).isNotEmpty();
        for (String variable : variables.keySet()) {
            assertThat(rows)
                    .as(variable + " (read by " + service + ") has a row in the Railway README")
                    .anyMatch(row -> row.startsWith("| `" + variable + "` |"));
        }
    }

    @ParameterizedTest(name = "{0}: every variable without a default is marked required")
    @MethodSource("services")
    void everyVariableWithoutADefaultIsMarkedRequired(String service) throws IOException {
        List<String> rows = rows();

        ServiceConfig.of(service)
                .variables()
                .forEach(
                        (variable, required) -> {
                            if (required) {
                                assertThat(rows)
                                        .as(variable + " has no default in " + service)
                                        .anyMatch(
                                                row ->
                                                        row.startsWith("| `" + variable + "` |")
                                                                && row.contains("**required**"));
                            }
                        });
    }

    private static List<String> rows() throws IOException {
        return Files.readAllLines(RepositoryTree.railwayReadme(), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("| `"))
                .toList();
    }
}
