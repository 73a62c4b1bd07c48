package ink.ml.deploy.workflow.domain;

/**
 * A domain taken off its cluster because its records stayed away.
 *
 * @param reason in plain words: what was missing and since when
 */
public record DetachedDomain(String domainId, String reason) {}
