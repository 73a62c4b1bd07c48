package ink.ml.deploy.mcp.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Log lines for a model: oldest first and the newest last, each {@code timestamp stream text}
 * (build output: {@code timestamp #lineNo text}), with what was left out said in words.
 *
 * @param kind {@code runtime} (what the running app wrote) or {@code build}
 * @param deploymentId the deployment whose build output this is, or whose runtime lines only
 * @param since the runtime window's start (inclusive)
 * @param until the runtime window's end (exclusive)
 * @param lines the lines, each cut to 500 characters
 * @param note what is worth knowing about the lines: cut lines, none found
 * @param next the exact call that reads the older lines, when some were left out
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogsOutput(
        String serviceId,
        String kind,
        String deploymentId,
        String since,
        String until,
        List<String> lines,
        String note,
        String next) {}
