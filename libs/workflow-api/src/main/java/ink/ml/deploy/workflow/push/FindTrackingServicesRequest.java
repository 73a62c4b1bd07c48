package ink.ml.deploy.workflow.push;

public record FindTrackingServicesRequest(String source, String repository, String branch) {}
