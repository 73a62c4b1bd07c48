package ink.ml.deploy.observability.logs;

import java.util.Set;

/**
 * The label names Loki's streams carry for the platform's apps. The log agent sets them ({@code
 * deploy/eu-central-1/k8s/observability/promtail-values.yaml}); the queries select by them. A test
 * keeps the two equal, so a renamed label cannot silently return no lines.
 */
public final class LokiLabels {
    /** The pod's namespace: one per customer project, {@code dp-{user}-{project}}. */
    public static final String NAMESPACE = "namespace";

    /** The pod's {@code dp.ml.ink/service} label: the service within the project. */
    public static final String SERVICE = "service";

    /** The pod's {@code dp.ml.ink/deployment-id} annotation: which deployment wrote the line. */
    public static final String DEPLOYMENT_ID = "deployment_id";

    /** {@code stdout} or {@code stderr}, from the container runtime's log format. */
    public static final String STREAM = "stream";

    /** Every label the agent sets, and nothing else. */
    public static final Set<String> ALL = Set.of(NAMESPACE, SERVICE, DEPLOYMENT_ID, STREAM);

    private LokiLabels() {}
}
