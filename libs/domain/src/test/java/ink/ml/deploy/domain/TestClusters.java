package ink.ml.deploy.domain;

/** Clusters for tests: production's shape, HTTPS on 443 with the seed's registry. */
final class TestClusters {
    /** The seed's production cluster. */
    static final Cluster EU_CENTRAL_1 = https(Region.of("eu-central-1"), "ml.ink", "cname.ml.ink");

    private TestClusters() {}

    static Cluster https(Region region, String appsDomain, String cnameZone) {
        return edge(region, appsDomain, cnameZone, UrlScheme.HTTPS, 443);
    }

    static Cluster edge(
            Region region, String appsDomain, String cnameZone, UrlScheme scheme, int port) {
        return new Cluster(
                region,
                appsDomain,
                cnameZone,
                scheme,
                port,
                RegistryHost.DEFAULT,
                ExecutionTargetKind.KUBERNETES);
    }
}
