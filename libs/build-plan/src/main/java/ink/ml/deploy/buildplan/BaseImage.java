package ink.ml.deploy.buildplan;

/**
 * The images generated Dockerfiles start {@code FROM}. The operator mirrors each into the platform
 * registry's base namespace and configures its reference; a build never pulls from Docker Hub. What
 * each image must contain is the contract with whoever builds or mirrors it.
 */
public enum BaseImage {
    /** {@code node} and {@code npm} on the PATH (e.g. node:22-bookworm-slim). */
    NODE,
    /** {@code python3} with {@code pip} and {@code venv} (e.g. python:3.12-slim-bookworm). */
    PYTHON,
    /** {@code go} on the PATH; used as the build stage only (e.g. golang:1.23-bookworm). */
    GO,
    /**
     * A small runtime for compiled binaries: a shell ({@code /bin/sh}) and CA certificates (e.g.
     * debian:bookworm-slim).
     */
    RUNTIME,
    /** {@code busybox} on the PATH, whose {@code httpd} serves static sites (e.g. busybox:1.36). */
    STATIC,
    /** A JDK ({@code java}, {@code javac}) for the build stage (e.g. eclipse-temurin:21-jdk). */
    JDK,
    /** A Java runtime ({@code java}) and a shell (e.g. eclipse-temurin:21-jre). */
    JRE
}
