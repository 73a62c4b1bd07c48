package ink.ml.deploy.deployer.worker.run.metrics;

import ink.ml.deploy.deployer.worker.run.docker.AppEngineConnection;
import ink.ml.deploy.domain.Clusters;
import ink.ml.deploy.domain.ExecutionTargetKind;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /metrics/cadvisor}: on the Docker target, the apps' figures under cAdvisor's names
 * ({@link AppContainerMetrics}), for the region's Prometheus to scrape as {@code job="kubelet"}
 * (the job label comes from its scrape config: {@code
 * deploy/eu-central-1/k8s/observability/prometheus-scrape.yaml}). On the Kubernetes target the
 * kubelet serves these, so this answers 404 saying so.
 */
@Path(CadvisorMetricsResource.PATH)
public class CadvisorMetricsResource {
    /** Where the kubelet serves cAdvisor's series, and where this serves the Docker target's. */
    public static final String PATH = "/metrics/cadvisor";

    /** The scrape job a cluster's Prometheus gives cAdvisor's series. */
    public static final String JOB = "kubelet";

    private final Clusters clusters;
    private final AppEngineConnection engine;
    private volatile AppContainerMetrics metrics;

    public CadvisorMetricsResource(Clusters clusters, AppEngineConnection engine) {
        this.clusters = clusters;
        this.engine = engine;
    }

    @GET
    public Response scrape() {
        if (clusters.home().executionTarget() != ExecutionTargetKind.DOCKER) {
            return Response.status(Response.Status.NOT_FOUND)
                    .type("text/plain; charset=utf-8")
                    .entity(
                            "this cluster runs its apps on Kubernetes: the kubelet serves their"
                                    + " figures at "
                                    + PATH
                                    + "\n")
                    .build();
        }
        return Response.ok(metrics().scrape(), CadvisorExposition.CONTENT_TYPE).build();
    }

    private AppContainerMetrics metrics() {
        AppContainerMetrics current = metrics;
        if (current == null) {
            current = new AppContainerMetrics(engine.client(), HostContainerUsage.host());
            metrics = current;
        }
        return current;
    }
}
