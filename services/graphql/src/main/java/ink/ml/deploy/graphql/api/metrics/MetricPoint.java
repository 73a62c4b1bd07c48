package ink.ml.deploy.graphql.api.metrics;

import ink.ml.deploy.observability.metrics.Sample;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One point of a time series.")
public record MetricPoint(@NonNull Instant at, @NonNull double value) {
    static List<MetricPoint> of(List<Sample> samples) {
        return samples.stream().map(s -> new MetricPoint(s.at(), s.value())).toList();
    }
}
