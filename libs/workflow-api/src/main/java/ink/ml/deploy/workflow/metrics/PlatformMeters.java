package ink.ml.deploy.workflow.metrics;

import io.temporal.worker.MetricsType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The names of the platform's own meters, in one place: the code that records them (through the
 * meter class of each concept in this package) and the committed Grafana dashboard ({@code
 * deploy/eu-central-1/k8s/observability}) both go by these, and {@code PlatformDashboardTest} keeps
 * the dashboard's PromQL on them. Names are Micrometer's dotted style; Prometheus shows {@code
 * mcpdeploy.deployments} as {@code mcpdeploy_deployments_total} ({@link #prometheusSeries}).
 *
 * <p>It lives in workflow-api because all six services depend on it (libs/platform only reaches
 * graphql, mcp and the worker). Every tag value is drawn from a closed set (an enum, a schema
 * field, an annotated tool name): never a user, project, service, repository or deployment id.
 */
public final class PlatformMeters {
    /** Deployments by how their run ended: {@link DeploymentOutcomeMeter}. */
    public static final String DEPLOYMENTS = "mcpdeploy.deployments";

    /** Build, push and rollout durations on the deployer-worker: {@link DeployStepMeter}. */
    public static final String DEPLOY_STEP_DURATION = "mcpdeploy.deploy.step.duration";

    /** GitHub webhook deliveries by outcome and refusal reason: {@link WebhookDeliveryMeter}. */
    public static final String WEBHOOK_DELIVERIES = "mcpdeploy.webhook.deliveries";

    /** Pushes to the internal git-server, accepted or refused: {@link GitPushMeter}. */
    public static final String GIT_PUSHES = "mcpdeploy.git.pushes";

    /** MCP tool calls by tool and outcome: {@link McpToolCallMeter}. */
    public static final String MCP_TOOL_CALLS = "mcpdeploy.mcp.tool.calls";

    /** GraphQL operations by type, root field and outcome: {@link GraphqlOperationMeter}. */
    public static final String GRAPHQL_OPERATIONS = "mcpdeploy.graphql.operations";

    /**
     * Task-queue wait of activities (scheduled to started), by the Temporal SDK itself:
     * quarkus-temporal gives the SDK a Micrometer reporter whenever Micrometer is present ({@code
     * quarkus.temporal.metrics.*}), so the worker and the deployer-worker export it with its {@code
     * task_queue} and {@code activity_type} tags.
     */
    public static final String ACTIVITY_SCHEDULE_TO_START =
            MetricsType.ACTIVITY_SCHEDULE_TO_START_LATENCY;

    /** Task-queue wait of workflow tasks, by the Temporal SDK (see above). */
    public static final String WORKFLOW_TASK_SCHEDULE_TO_START =
            MetricsType.WORKFLOW_TASK_SCHEDULE_TO_START_LATENCY;

    /** The meters that count. */
    public static final List<String> COUNTERS =
            List.of(
                    DEPLOYMENTS,
                    WEBHOOK_DELIVERIES,
                    GIT_PUSHES,
                    MCP_TOOL_CALLS,
                    GRAPHQL_OPERATIONS);

    /** The meters that time, each with a histogram. */
    public static final List<String> TIMERS =
            List.of(
                    DEPLOY_STEP_DURATION,
                    ACTIVITY_SCHEDULE_TO_START,
                    WORKFLOW_TASK_SCHEDULE_TO_START);

    private PlatformMeters() {}

    /**
     * Every series name Prometheus shows for these meters, as Micrometer's Prometheus registry
     * writes them: a counter {@code a.b} is {@code a_b_total}; a timer is {@code
     * a_b_seconds_count}, {@code _sum}, {@code _max} and {@code _bucket}.
     */
    public static Set<String> prometheusSeries() {
        Set<String> series = new LinkedHashSet<>();
        COUNTERS.forEach(name -> series.add(prometheusBase(name) + "_total"));
        for (String timer : TIMERS) {
            String base = prometheusBase(timer) + "_seconds";
            for (String suffix : List.of("_count", "_sum", "_max", "_bucket")) {
                series.add(base + suffix);
            }
        }
        return series;
    }

    private static String prometheusBase(String name) {
        return name.replace('.', '_');
    }

    /** A tag value from a closed set: the constant's name in lower case. */
    static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
