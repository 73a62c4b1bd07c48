package ink.ml.deploy.buildplan;

/**
 * A runtime version a project asks for, and where it says so. The base images are fixed per
 * language, so the version is reported in the plan rather than used to choose an image.
 */
record VersionHint(String version, String source) {}
