package ink.ml.deploy.graphql.api.logs;

import ink.ml.deploy.domain.DeploymentId;
import ink.ml.deploy.observability.logs.LogLine;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One line a service's running app wrote.")
public record ServiceLogLine(
        @NonNull
                @Description(
                        "When the engine or the log agent received it (to the nanosecond where the"
                                + " source has it).")
                Instant timestamp,
        @NonNull LogStream stream,
        @NonNull @Description("The line without its trailing newline; render it as text.")
                String text,
        @Id
                @Description(
                        "The deployment whose container wrote it; null when the source cannot tell.")
                String deploymentId) {

    static ServiceLogLine of(LogLine line) {
        return new ServiceLogLine(
                line.timestamp(),
                LogStream.of(line.stream()),
                line.text(),
                line.deployment().map(DeploymentId::value).orElse(null));
    }
}
