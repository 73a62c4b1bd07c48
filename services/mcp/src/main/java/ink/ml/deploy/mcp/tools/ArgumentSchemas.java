package ink.ml.deploy.mcp.tools;

import ink.ml.deploy.domain.AppPort;
import ink.ml.deploy.domain.BuildCommand;
import ink.ml.deploy.domain.BuildStrategy;
import ink.ml.deploy.domain.EnvVarName;
import ink.ml.deploy.domain.GitBranch;
import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.RepoName;
import ink.ml.deploy.domain.ResourcePlan;
import ink.ml.deploy.domain.ServiceName;
import ink.ml.deploy.domain.Vcpu;
import ink.ml.deploy.observability.logs.LogQuery;
import ink.ml.deploy.platform.deployments.Deployments;
import ink.ml.deploy.platform.pagination.PageRequest;
import ink.ml.deploy.platform.repos.GitTokenLifetime;
import ink.ml.deploy.platform.variables.Variables;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;

/**
 * The limits of tool arguments, written into their JSON schemas: one home for what an argument
 * named {@code port} or {@code memoryMi} accepts, taken from the libs/domain rules the platform
 * checks, so the schema a model reads and the check that refuses a value cannot drift apart. Keys
 * are {@code tool.argument} for arguments whose meaning depends on the tool ({@code name}), else
 * the argument name.
 */
final class ArgumentSchemas {
    private static final String RFC1035_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";
    private static final String RFC1123_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    private static final String UUID =
            "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";
    private static final String ENV_NAME = "^[A-Za-z_][A-Za-z0-9_]*$";

    /** 30 days, the longest a git token may live ({@link GitTokenLifetime#MAX}). */
    static final int MAX_TTL_MINUTES = (int) GitTokenLifetime.MAX.toMinutes();

    private static final Map<String, JsonObject> LIMITS =
            Map.ofEntries(
                    Map.entry("create_project.name", label(RFC1123_LABEL, ProjectName.MAX_LENGTH)),
                    Map.entry("create_service.name", label(RFC1035_LABEL, ServiceName.MAX_LENGTH)),
                    Map.entry("create_repo.name", label(RFC1123_LABEL, RepoName.MAX_LENGTH)),
                    Map.entry(
                            "host",
                            new JsonObject().put("enum", new JsonArray().add("ink").add("github"))),
                    Map.entry("serviceId", id()),
                    Map.entry("deploymentId", id()),
                    Map.entry("tokenId", id()),
                    Map.entry(
                            "branch",
                            new JsonObject()
                                    .put("minLength", 1)
                                    .put("maxLength", GitBranch.MAX_LENGTH)),
                    Map.entry("rootDirectory", new JsonObject().put("maxLength", 1024)),
                    Map.entry(
                            "dockerfilePath",
                            new JsonObject().put("minLength", 1).put("maxLength", 1024)),
                    Map.entry("build", new JsonObject().put("enum", buildChoices())),
                    Map.entry("installCommand", command()),
                    Map.entry("buildCommand", command()),
                    Map.entry("startCommand", command()),
                    Map.entry("port", new JsonObject().put("minimum", 1).put("maximum", 65535)),
                    Map.entry(
                            "memoryMi",
                            new JsonObject()
                                    .put("enum", new JsonArray(ResourcePlan.MEMORY_CHOICES_MI))),
                    Map.entry("vcpu", new JsonObject().put("enum", vcpuChoices())),
                    Map.entry("env", env()),
                    Map.entry(
                            "unset",
                            new JsonObject()
                                    .put("maxItems", Variables.MAX_VARIABLES)
                                    .put("items", envName())),
                    Map.entry(
                            "first",
                            new JsonObject()
                                    .put("minimum", 1)
                                    .put("maximum", PageRequest.MAX_SIZE)),
                    Map.entry("after", new JsonObject().put("maxLength", 200)),
                    Map.entry(
                            "ttlMinutes",
                            new JsonObject()
                                    .put("minimum", GitTokenLifetime.MIN.toMinutes())
                                    .put("maximum", MAX_TTL_MINUTES)),
                    Map.entry(
                            "events",
                            new JsonObject()
                                    .put("minimum", 0)
                                    .put("maximum", Deployments.MAX_READ_LIMIT)),
                    Map.entry(
                            "get_logs.kind",
                            new JsonObject()
                                    .put(
                                            "enum",
                                            new JsonArray()
                                                    .add(LogTools.RUNTIME)
                                                    .add(LogTools.BUILD))),
                    Map.entry(
                            "get_logs.limit",
                            new JsonObject().put("minimum", 1).put("maximum", LogTools.MAX_LIMIT)),
                    Map.entry(
                            "search",
                            new JsonObject().put("maxLength", LogQuery.MAX_SEARCH_LENGTH)),
                    Map.entry("beforeLine", new JsonObject().put("minimum", 1)),
                    Map.entry("range", duration()),
                    Map.entry("step", duration()),
                    Map.entry(
                            "logLines",
                            new JsonObject()
                                    .put("minimum", 0)
                                    .put("maximum", Deployments.MAX_READ_LIMIT)));

    private ArgumentSchemas() {}

    /** The limits of {@code argument} of {@code tool}; empty when it has none. */
    static JsonObject limits(String tool, String argument) {
        JsonObject specific = LIMITS.get(tool + "." + argument);
        JsonObject general = specific != null ? specific : LIMITS.get(argument);
        return general == null ? new JsonObject() : general.copy();
    }

    /** A {@code MetricsDuration}: a whole number and one unit, {@code 30s} to {@code 7d}. */
    private static JsonObject duration() {
        return new JsonObject().put("pattern", "^[0-9]{1,6}[smhd]$");
    }

    private static JsonObject label(String pattern, int maxLength) {
        return new JsonObject()
                .put("pattern", pattern)
                .put("minLength", 1)
                .put("maxLength", maxLength);
    }

    private static JsonObject id() {
        return new JsonObject().put("pattern", UUID);
    }

    private static JsonObject envName() {
        return new JsonObject()
                .put("type", "string")
                .put("pattern", ENV_NAME)
                .put("maxLength", EnvVarName.MAX_LENGTH);
    }

    private static JsonObject env() {
        return new JsonObject()
                .put("maxProperties", Variables.MAX_VARIABLES)
                .put("propertyNames", envName().copy().put("type", "string"))
                .put(
                        "additionalProperties",
                        new JsonObject()
                                .put("type", "string")
                                .put("maxLength", Variables.MAX_VALUE_BYTES));
    }

    private static JsonArray buildChoices() {
        return new JsonArray(Arrays.stream(BuildStrategy.values()).map(BuildStrategy::id).toList());
    }

    /** One line (no CR, LF or other control character) of at most the allowed length. */
    private static JsonObject command() {
        return new JsonObject()
                .put("maxLength", BuildCommand.MAX_LENGTH)
                .put("pattern", "^[^\\u0000-\\u001f\\u007f]*$");
    }

    private static JsonArray vcpuChoices() {
        return new JsonArray(
                Arrays.stream(ResourcePlan.CPU_CHOICES_MILLI.toArray(Integer[]::new))
                        .map(milli -> Vcpu.ofMilli(milli).toString())
                        .toList());
    }

    static int defaultPort() {
        return AppPort.DEFAULT.value();
    }
}
