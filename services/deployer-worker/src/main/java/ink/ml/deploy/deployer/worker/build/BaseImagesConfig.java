package ink.ml.deploy.deployer.worker.build;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The images generated Dockerfiles build on (libs/build-plan {@code BaseImage} says what each must
 * contain), as names inside the platform registry's base namespace: {@code node:22-bookworm-slim}
 * is pulled as {@code {cluster
 * registry}/{mcpdeploy.registry.auth.base-namespace}/node:22-bookworm-slim}. The operator mirrors
 * each there (deploy/images/README.md lists them); a build never pulls from Docker Hub, and every
 * build's credential may pull the base namespace.
 */
@ConfigMapping(prefix = "mcpdeploy.build.base-images")
public interface BaseImagesConfig {
    /** {@code node} and {@code npm}. */
    @WithDefault("node:22-bookworm-slim")
    String node();

    /** {@code python3} with {@code pip} and {@code venv}. */
    @WithDefault("python:3.12-slim-bookworm")
    String python();

    /** {@code go}: the build stage of Go apps. */
    @WithDefault("golang:1.23-bookworm")
    String go();

    /** A shell and CA certificates: what compiled binaries run on. */
    @WithDefault("debian:bookworm-slim")
    String runtime();

    /** {@code busybox}, whose {@code httpd} serves static sites. */
    @WithName("static")
    @WithDefault("busybox:1.36")
    String staticSite();

    /** A JDK: the build stage of Java apps. */
    @WithDefault("eclipse-temurin:21-jdk")
    String jdk();

    /** A Java runtime and a shell: what Java apps run on. */
    @WithDefault("eclipse-temurin:21-jre")
    String jre();
}
