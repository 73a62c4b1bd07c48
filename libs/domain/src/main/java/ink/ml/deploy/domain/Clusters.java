package ink.ml.deploy.domain;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every execution-plane cluster, keyed by region, and the home one: where the product plane places
 * new projects, or the one cluster a deployer-worker serves. A project's names, URLs, image
 * references and deployer queue come from the cluster of its own region, so nothing shows one
 * region's hostnames for a project in another.
 */
public record Clusters(Region homeRegion, Map<Region, Cluster> byRegion) {

    public Clusters {
        Objects.requireNonNull(homeRegion, "homeRegion");
        byRegion = Map.copyOf(byRegion);
        byRegion.forEach(
                (region, cluster) -> {
                    if (!region.equals(cluster.region())) {
                        throw new IllegalArgumentException(
                                "cluster of " + cluster.region() + " filed under " + region);
                    }
                });
        if (!byRegion.containsKey(homeRegion)) {
            throw unknown(homeRegion, byRegion);
        }
    }

    /** The clusters, each under its own region. */
    public static Clusters of(Region home, List<Cluster> clusters) {
        Map<Region, Cluster> byRegion = new TreeMap<>(Comparator.comparing(Region::id));
        for (Cluster cluster : clusters) {
            if (byRegion.put(cluster.region(), cluster) != null) {
                throw new InvalidValueException("region", cluster.region() + " is listed twice");
            }
        }
        return new Clusters(home, byRegion);
    }

    /** This process's own cluster. */
    public Cluster home() {
        return byRegion.get(homeRegion);
    }

    /**
     * The cluster that serves {@code region}; refused, naming the field, when none is configured (a
     * project can only live where a deployer-worker polls).
     */
    public Cluster of(Region region) {
        Cluster cluster = byRegion.get(region);
        if (cluster == null) {
            throw unknown(region, byRegion);
        }
        return cluster;
    }

    /** Zones of every cluster: no customer may claim a name the platform serves anywhere. */
    public List<String> platformZones() {
        Set<String> zones = new LinkedHashSet<>();
        byRegion.values().stream()
                .sorted(Comparator.comparing(cluster -> cluster.region().id()))
                .forEach(cluster -> zones.addAll(cluster.platformZones()));
        return List.copyOf(zones);
    }

    private static InvalidValueException unknown(Region region, Map<Region, Cluster> byRegion) {
        return new InvalidValueException(
                "region",
                "no cluster is configured for "
                        + region
                        + " (configured: "
                        + String.join(
                                ", ", byRegion.keySet().stream().map(Region::id).sorted().toList())
                        + ")");
    }
}
