package ink.ml.deploy.graphql.api.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much one GraphQL request may ask for. A request over a limit is refused before any resolver
 * runs.
 */
@ConfigMapping(prefix = "mcpdeploy.graphql.limits")
public interface QueryLimits {
    /**
     * The deepest selection, counting the operation's own fields as 1. The dashboard's deepest
     * query ({@code projects → edges → node → services → edges → node → latestDeployment → …})
     * needs 8.
     */
    @WithDefault("12")
    int maxDepth();

    /**
     * The most work one query may ask for: every field costs 1 plus its selection, and a connection
     * field multiplies that by the page size it asks for ({@code first}, 20 when absent), so that
     * nested pages cannot multiply into millions of rows.
     */
    @WithDefault("20000")
    int maxComplexity();

    /** The largest request body on {@code /graphql}, in bytes (documents plus variables). */
    @WithDefault("65536")
    int maxRequestBytes();

    /**
     * The most {@code /graphql} requests executing at once (see {@link InFlightLimit}). Each holds
     * its half-built result: the 20 × 20 first screen (some 14,000 fields) held about 40 MB live in
     * a class histogram taken under load, and 8 at once filled the 384 MB heap. On two cores more
     * than two per core adds memory, not throughput.
     */
    @WithDefault("4")
    int maxInFlight();

    /**
     * The most {@code /graphql} requests waiting for one of those places, in order, before their
     * body is read; more are answered 503 {@code UNAVAILABLE} with {@code Retry-After: 1}.
     */
    @WithDefault("256")
    int maxQueued();
}
