package ink.ml.deploy.deployer.worker.build;

/**
 * What a build's {@code RUN} steps reach ({@code mcpdeploy.builder.run-network}). The build
 * daemon's own fetches ({@code FROM}, {@code ADD <url>}, the push) leave from its network either
 * way; this decides whether the customer's commands do too.
 */
public enum RunNetwork {
    /**
     * No network at all: {@code npm ci}, {@code pip install} and the like fail. Safe whatever the
     * daemon's network is, hence the default.
     */
    NONE,

    /**
     * The build daemon's own network: {@code docker build --network=host} (host being the daemon's
     * network namespace), and for BuildKit the worker's network, which for rootless buildkitd is
     * its pod's. Only where that network is behind an egress filter that lets out the public
     * internet and DNS and nothing of the platform: the local build network (libs/testing {@code
     * BuildNetwork}) or the cluster's {@code dp-build} NetworkPolicies. On a daemon in the
     * machine's own network it would hand customer code the machine's loopback and private network.
     */
    BUILD_DAEMON
}
