package ink.ml.deploy.buildplan;

/**
 * The images generated Dockerfiles start {@code FROM}. The operator mirrors each into the platform
 * registry's base namespace and configures its reference; a build never pulls from Docker Hub. What
 * each image must contain is the contract with whoever builds or mirrors it.
 *
 * <p>Every image but {@link #STATIC} must run its instructions as root by default and have {@code
 * /bin/sh} with {@code mkdir}, {@code chown}, {@code cp} and {@code mv}: the Dockerfiles create the
 * app user's directories (uid 10001; no {@code useradd} or passwd entry is needed) and switch to
 * it. A {@code PATH} need not be set: Dockerfiles that extend it spell out the standard
 * directories.
 */
public enum BaseImage {
    /**
     * {@code node} and {@code npm} on the PATH (e.g. node:22-bookworm-slim); {@code corepack} too
     * for pnpm and yarn projects.
     */
    NODE,
    /**
     * {@code python3} with the {@code venv} module and ensurepip (Debian: python3-venv), e.g.
     * python:3.12-slim-bookworm; pip runs inside the virtual environment.
     */
    PYTHON,
    /** {@code go} on the PATH; used as the build stage only (e.g. golang:1.23-bookworm). */
    GO,
    /**
     * A small runtime for compiled binaries: a shell ({@code /bin/sh}) and CA certificates (e.g.
     * debian:bookworm-slim).
     */
    RUNTIME,
    /**
     * {@code busybox} on the PATH, whose {@code httpd} serves static sites (e.g. busybox:1.36); no
     * {@code /bin/sh} needed, the start command runs through {@code busybox sh}.
     */
    STATIC,
    /**
     * A JDK ({@code java}, {@code javac}) for the build stage (e.g. eclipse-temurin:21-jdk). The
     * Maven and Gradle wrappers download their tool on first use (curl or wget, or java, fetches
     * it); the cache mount keeps it between builds.
     */
    JDK,
    /** A Java runtime ({@code java}) and a shell (e.g. eclipse-temurin:21-jre). */
    JRE
}
