package ink.ml.deploy.observability.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.domain.ServiceRef;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogQlQueryTest {
    private static final ServiceRef WEB = ServiceRef.of("u1", "shop", "web");

    @Test
    void selectsTheServiceByItsNamespaceAndName() {
        assertThat(LogQlQuery.of(WEB, Optional.empty(), Optional.empty()))
                .isEqualTo("{namespace=\"dp-u1-shop\", service=\"web\"}");
    }

    @Test
    void narrowsToOneDeployment() {
        assertThat(LogQlQuery.of(WEB, Optional.of(DeploymentId.of("d-42")), Optional.empty()))
                .isEqualTo("{namespace=\"dp-u1-shop\", service=\"web\", deployment_id=\"d-42\"}");
    }

    @Test
    void searchesWithALineFilter() {
        assertThat(LogQlQuery.of(WEB, Optional.empty(), Optional.of("GET /health")))
                .isEqualTo("{namespace=\"dp-u1-shop\", service=\"web\"} |= \"GET /health\"");
    }

    @Test
    void escapesQuotesAndBackslashes() {
        assertThat(LogQlQuery.quoted("say \"hi\" to C:\\temp\\"))
                .isEqualTo("\"say \\\"hi\\\" to C:\\\\temp\\\\\"");
    }

    @Test
    void keepsBackticksBracesAndPipesLiteral() {
        assertThat(LogQlQuery.quoted("`x` {a=\"b\"} | json |= y"))
                .isEqualTo("\"`x` {a=\\\"b\\\"} | json |= y\"");
    }

    @Test
    void escapesControlCharacters() {
        assertThat(LogQlQuery.quoted("a\tb\u0000c\u007f")).isEqualTo("\"a\\tb\\u0000c\\u007f\"");
    }

    @Test
    void injectedSelectorStaysInsideTheLineFilter() {
        String query =
                LogQlQuery.of(WEB, Optional.empty(), Optional.of("\"} or {namespace=\"other\""));

        assertThat(query)
                .isEqualTo(
                        "{namespace=\"dp-u1-shop\", service=\"web\"}"
                                + " |= \"\\\"} or {namespace=\\\"other\\\"\"");
    }

    @Test
    void escapedBackslashBeforeQuoteCannotEndTheLiteral() {
        // A trailing backslash must not escape the closing quote.
        assertThat(LogQlQuery.quoted("x\\")).isEqualTo("\"x\\\\\"");
        assertThat(LogQlQuery.quoted("\\\"")).isEqualTo("\"\\\\\\\"\"");
    }
}
