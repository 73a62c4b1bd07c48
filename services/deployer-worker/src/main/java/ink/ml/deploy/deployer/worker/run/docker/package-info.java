/**
 * The single-host execution target: customer services on one machine's Docker engine under gVisor,
 * chosen by the cluster's {@code execution-target=docker} (libs/cluster) and configured under
 * {@code mcpdeploy.docker} ({@link ink.ml.deploy.deployer.worker.run.docker.DockerTargetConfig}).
 *
 * <p>How each of the seed's rules maps here:
 *
 * <table>
 *   <caption>Seed rule and its single-host home</caption>
 *   <tr><th>Rule</th><th>Kubernetes target</th><th>Here</th></tr>
 *   <tr><td>Namespace per project</td><td>Namespace {@code dp-{user}-{project}}</td>
 *       <td>Bridge network {@code dp-{user}-{project}} ({@link
 *       ink.ml.deploy.deployer.worker.run.docker.ProjectNetworks}); the service name is the
 *       container's alias on it</td></tr>
 *   <tr><td>Projects isolated, platform and metadata unreachable</td><td>NetworkPolicies</td>
 *       <td>Docker's isolation between networks, and the host table {@code mcpdeploy_apps}
 *       ({@link ink.ml.deploy.deployer.worker.run.docker.HostFirewall}, {@code
 *       app-networks.nft}) matching the bridges by name prefix</td></tr>
 *   <tr><td>gVisor</td><td>RuntimeClass {@code gvisor}</td><td>runtime {@code runsc}; anything
 *       else only with {@code allow-unsandboxed=true}, warned at start</td></tr>
 *   <tr><td>Env never in plain sight</td><td>Secret, {@code envFrom}</td><td>container
 *       environment only: not in labels, logs or failure messages</td></tr>
 *   <tr><td>Limits and labels</td><td>resources, {@code Labels}</td><td>memory (no swap) and
 *       NanoCPUs from the plan; the same label keys plus hostname and port for adoption ({@link
 *       ink.ml.deploy.deployer.worker.run.docker.ContainerLabels})</td></tr>
 *   <tr><td>Health-gated switch</td><td>readiness probe, RollingUpdate maxUnavailable 0</td>
 *       <td>TCP check every second (2 s timeout) within the 300 s progress deadline; then the
 *       edge's route; then the old containers drain, stop and go</td></tr>
 *   <tr><td>CRASHED</td><td>pod status</td><td>restart policy {@code unless-stopped} (Docker's
 *       doubling delay) and {@link
 *       ink.ml.deploy.deployer.worker.run.docker.DockerRuntimeMonitor}</td></tr>
 *   <tr><td>Adoption after a restart</td><td>the cluster keeps running pods</td><td>containers
 *       keep running; the monitor rebuilds routes from their labels</td></tr>
 * </table>
 */
package ink.ml.deploy.deployer.worker.run.docker;
