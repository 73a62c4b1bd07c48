package ink.ml.deploy.workflow.domain;

/** Which domain a {@link CustomDomainWorkflow} looks after: {@code custom_domains.id}. */
public record CustomDomainRequest(String domainId) {}
