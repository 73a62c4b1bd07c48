package ink.ml.deploy.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed Grafana dashboard queries only series the code exports, and shows every meter:
 * renaming a meter in {@link PlatformMeters} without the dashboard (or the reverse) fails here.
 */
class PlatformDashboardTest {
    static final Path OBSERVABILITY = Path.of("../../deploy/eu-central-1/k8s/observability");

    /** Series names of ours and of the Temporal SDK, as they appear in PromQL. */
    private static final Pattern SERIES = Pattern.compile("\\b(?:mcpdeploy|temporal)_[a-z0-9_]+");

    private final JsonNode dashboard = read();

    @Test
    void everyQueryNamesOnlySeriesTheCodeExports() {
        Set<String> exported = PlatformMeters.prometheusSeries();

        assertThat(expressions()).isNotEmpty();
        for (String expression : expressions()) {
            assertThat(seriesIn(expression)).as(expression).isNotEmpty().isSubsetOf(exported);
        }
    }

    @Test
    void everyMeterHasAPanel() {
        Set<String> queried = new LinkedHashSet<>();
        expressions().forEach(expression -> queried.addAll(seriesIn(expression)));

        List<String> meters = new ArrayList<>(PlatformMeters.COUNTERS);
        meters.addAll(PlatformMeters.TIMERS);
        for (String meter : meters) {
            String base = meter.replace('.', '_');
            assertThat(queried).as(meter).anyMatch(series -> series.startsWith(base + "_"));
        }
    }

    @Test
    void panelsQueryThePrometheusChosenInTheDatasourceVariable() {
        JsonNode variable = dashboard.at("/templating/list/0");
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        String chosen = "${" + variable.path("name").asText() + "}";

        for (JsonNode panel : dashboard.path("panels")) {
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            String title = panel.path("title").asText();
            assertThat(panel.at("/datasource/uid").asText()).as(title).isEqualTo(chosen);
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.at("/datasource/uid").asText()).as(title).isEqualTo(chosen);
            }
        }
    }

    @Test
    void panelIdsAreUnique() {
        Set<Integer> ids = new LinkedHashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as(panel.path("title").asText()).isTrue();
        }
    }

    private List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                expressions.add(target.path("expr").asText());
            }
        }
        return expressions;
    }

    private static Set<String> seriesIn(String expression) {
        Set<String> series = new LinkedHashSet<>();
        Matcher matcher = SERIES.matcher(expression);
        while (matcher.find()) {
            series.add(matcher.group());
        }
        return series;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper()
                    .readTree(OBSERVABILITY.resolve("grafana-dashboard-platform.json").toFile());
        } catch (IOException e) {
            throw new AssertionError("the dashboard is not valid JSON", e);
        }
    }
}
