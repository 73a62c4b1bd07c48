package ink.ml.deploy.testing;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads samples out of Prometheus' text exposition format, the way a scrape of {@code /q/metrics}
 * returns them: a test takes a value before and after the act and asserts on the difference.
 */
public final class PrometheusText {
    private static final Pattern SAMPLE =
            Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)(\\s+\\d+)?$");
    private static final Pattern LABEL =
            Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {}

    /** The scrape of this service's {@code /q/metrics} now. */
    public static String scrape() {
        return ServiceProbes.prometheusMetrics();
    }

    /**
     * The scrape of {@code /q/metrics} on the management interface, for a service that serves
     * health and metrics there ({@code quarkus.management.enabled}).
     */
    public static String scrapeManagementInterface() {
        int port =
                ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return given().baseUri("http://localhost:" + port)
                .accept("text/plain")
                .when()
                .get("q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /**
     * The sum of the samples of {@code series} whose labels include all of {@code labels} (0 when
     * there is none, as for a counter not incremented yet).
     */
    public static double value(String text, String series, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(series)) {
                continue;
            }
            if (labelsOf(sample.group(3)).entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(sample.group(4));
            }
        }
        return sum;
    }

    /** Whether any sample of {@code series} is in the scrape. */
    public static boolean has(String text, String series) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!line.startsWith("#") && sample.matches() && sample.group(1).equals(series)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> labelsOf(String text) {
        Map<String, String> labels = new HashMap<>();
        if (text != null) {
            Matcher label = LABEL.matcher(text);
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }
}
