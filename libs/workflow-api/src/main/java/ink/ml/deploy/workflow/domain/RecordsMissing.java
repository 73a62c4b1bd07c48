package ink.ml.deploy.workflow.domain;

import java.time.Instant;

/**
 * An active domain's records are no longer found.
 *
 * @param since when a check first found them gone
 * @param detachAfter when the domain is detached if they stay away
 */
public record RecordsMissing(String domainId, Instant since, Instant detachAfter) {}
