package ink.ml.deploy.graphql.api.deployments;

import ink.ml.deploy.platform.deployments.LogLineView;
import java.time.Instant;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One line of build output.")
public record BuildLogLine(
        @NonNull @Description("1 for the first line; increases by one.") int lineNo,
        @NonNull String line,
        @NonNull Instant createdAt) {
    public static BuildLogLine of(LogLineView view) {
        return new BuildLogLine(view.lineNo(), view.line(), view.createdAt());
    }
}
