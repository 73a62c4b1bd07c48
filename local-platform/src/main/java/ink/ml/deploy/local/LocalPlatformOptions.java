package ink.ml.deploy.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to start the {@link LocalPlatform}: immutable, each {@code with…} returns a changed copy.
 *
 * <p>{@link #defaults(Path)} is what {@code ./run-platform} uses: the README's fixed ports, the
 * process environment (for {@code TEMPORAL_ADDRESS} and {@code KUBECONFIG}), logs under {@code
 * local-platform/target/platform-logs}, the services' JVM options {@link #SERVICE_JVM_OPTIONS}.
 * Tests add {@link #withRandomPorts()}.
 */
public final class LocalPlatformOptions {
    /**
     * The JVM options every service starts with unless {@link #withJvmOptions} says otherwise:
     * suited to six services, PostgreSQL and Temporal sharing a small machine (bench/startup
     * measures them). The serial collector with a small initial heap keeps each service's resident
     * memory near what it uses, where the default (G1, an initial heap of 1/64 of the machine's
     * memory) reserves and touches far more; C1 only ({@code TieredStopAtLevel=1}) spends less CPU
     * compiling during start, which is most of a start on two cores, at some cost in peak
     * throughput; smaller thread stacks and code cache are enough for these services.
     */
    public static final List<String> SERVICE_JVM_OPTIONS =
            List.of(
                    "-XX:+UseSerialGC",
                    "-Xms32m",
                    "-Xmx384m",
                    "-XX:TieredStopAtLevel=1",
                    "-Xss512k",
                    "-XX:ReservedCodeCacheSize=64m");

    /** How often Prometheus scrapes the apps' and the services' figures, for people. */
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(5);

    /** What a {@code with…} without a value turns on; all off by default. */
    private enum Switch {
        RANDOM_PORTS,
        IN_MEMORY_KUBERNETES,
        TEST_DOMAINS,
        EVERY_BASE_IMAGE,
        STARTUP_CACHE
    }

    private final Path repositoryRoot;
    private final List<String> jvmOptions;
    private final Map<PlatformService, Map<String, String>> serviceProperties;
    private final Map<PlatformService, Map<String, String>> serviceEnvironment;
    private final Map<String, String> environment;
    private final Path logDirectory;
    private final Duration metricsScrapeInterval;
    private final Set<Switch> switches;

    private LocalPlatformOptions(
            Path repositoryRoot,
            List<String> jvmOptions,
            Map<PlatformService, Map<String, String>> serviceProperties,
            Map<PlatformService, Map<String, String>> serviceEnvironment,
            Map<String, String> environment,
            Path logDirectory,
            Duration metricsScrapeInterval,
            Set<Switch> switches) {
        this.repositoryRoot = repositoryRoot;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.serviceProperties = serviceProperties;
        this.serviceEnvironment = serviceEnvironment;
        this.environment = Map.copyOf(environment);
        this.logDirectory = logDirectory;
        this.metricsScrapeInterval = metricsScrapeInterval;
        this.switches = Set.copyOf(switches);
    }

    /**
     * @param repositoryRoot the checkout whose {@code services/<module>/target/quarkus-app} jars
     *     are run
     * @throws IllegalArgumentException when it is not a directory with a {@code services/} folder
     */
    public static LocalPlatformOptions defaults(Path repositoryRoot) {
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
        Path root = repositoryRoot.toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("services"))) {
            throw new IllegalArgumentException(
                    "repositoryRoot: "
                            + root
                            + " is not the MCPDeploy checkout (it has no services/ directory)");
        }
        return new LocalPlatformOptions(
                root,
                SERVICE_JVM_OPTIONS,
                new EnumMap<>(PlatformService.class),
                new EnumMap<>(PlatformService.class),
                System.getenv(),
                root.resolve("local-platform").resolve("target").resolve("platform-logs"),
                DEFAULT_SCRAPE_INTERVAL,
                Set.of());
    }

    /** Free ports instead of the fixed ones, so tests run beside a platform that holds those. */
    public LocalPlatformOptions withRandomPorts() {
        return switchedOn(Switch.RANDOM_PORTS);
    }

    /** JVM options for every service, e.g. {@code -Xmx384m -XX:TieredStopAtLevel=1}. */
    public LocalPlatformOptions withJvmOptions(List<String> options) {
        Objects.requireNonNull(options, "jvmOptions");
        for (String option : options) {
            if (option == null || !option.startsWith("-")) {
                throw new IllegalArgumentException(
                        "jvmOptions: \"" + option + "\" is not a JVM option (starts with -)");
            }
        }
        return new LocalPlatformOptions(
                repositoryRoot,
                options,
                serviceProperties,
                serviceEnvironment,
                environment,
                logDirectory,
                metricsScrapeInterval,
                switches);
    }

    /**
     * Extra system properties for one service, added to (and winning over) the platform's wiring,
     * e.g. {@code withServiceProperties("deployer-worker", Map.of(...))}. Calls for the same module
     * accumulate. Not for secrets: system properties show on the process's command line.
     *
     * @param module a directory under {@code services/}, e.g. {@code deployer-worker}
     */
    public LocalPlatformOptions withServiceProperties(String module, Map<String, String> props) {
        PlatformService service = PlatformService.byModule(module);
        return new LocalPlatformOptions(
                repositoryRoot,
                jvmOptions,
                merged(serviceProperties, service, checkedNames("props", props)),
                serviceEnvironment,
                environment,
                logDirectory,
                metricsScrapeInterval,
                switches);
    }

    /**
     * Extra environment variables for one service, e.g. a stand-in GitHub App's private key for
     * {@code deployer-worker}: the place for secrets, which never reach a command line or the
     * output. Calls for the same module accumulate; they win over the platform's own.
     *
     * @param module a directory under {@code services/}, e.g. {@code graphql}
     */
    public LocalPlatformOptions withServiceEnvironment(String module, Map<String, String> env) {
        PlatformService service = PlatformService.byModule(module);
        return new LocalPlatformOptions(
                repositoryRoot,
                jvmOptions,
                serviceProperties,
                merged(serviceEnvironment, service, checkedNames("env", env)),
                environment,
                logDirectory,
                metricsScrapeInterval,
                switches);
    }

    private static Map<String, String> checkedNames(String field, Map<String, String> values) {
        Objects.requireNonNull(values, field);
        values.forEach(
                (key, value) -> {
                    if (key == null || key.isBlank() || key.contains("=")) {
                        throw new IllegalArgumentException(
                                field + ": \"" + key + "\" is not a valid name");
                    }
                    Objects.requireNonNull(value, () -> field + ": no value for " + key);
                });
        return values;
    }

    private static Map<PlatformService, Map<String, String>> merged(
            Map<PlatformService, Map<String, String>> current,
            PlatformService service,
            Map<String, String> added) {
        Map<PlatformService, Map<String, String>> merged = new EnumMap<>(PlatformService.class);
        merged.putAll(current);
        Map<String, String> forService =
                new LinkedHashMap<>(merged.getOrDefault(service, Map.of()));
        forService.putAll(added);
        merged.put(service, Map.copyOf(forService));
        return merged;
    }

    /**
     * The environment read for {@code TEMPORAL_ADDRESS} and {@code KUBECONFIG} (the process's by
     * default); tests pass their own.
     */
    public LocalPlatformOptions withEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        return new LocalPlatformOptions(
                repositoryRoot,
                jvmOptions,
                serviceProperties,
                serviceEnvironment,
                environment,
                logDirectory,
                metricsScrapeInterval,
                switches);
    }

    /**
     * Apps go to the in-memory Kubernetes API (which runs no pods) instead of the Docker engine:
     * {@code ./run-platform --in-memory-kubernetes}, and tests of the Kubernetes resources.
     */
    public LocalPlatformOptions withInMemoryKubernetes() {
        return switchedOn(Switch.IN_MEMORY_KUBERNETES);
    }

    /**
     * Where apps run: {@code KUBECONFIG}'s cluster when set, else the in-memory API when asked,
     * else the Docker engine (the platform falls back to the in-memory API, saying so, where no
     * engine is installed).
     */
    public AppsTarget appsTarget() {
        if (kubeconfig().isPresent()) {
            return AppsTarget.KUBECONFIG;
        }
        return switches.contains(Switch.IN_MEMORY_KUBERNETES)
                ? AppsTarget.IN_MEMORY_KUBERNETES
                : AppsTarget.DOCKER;
    }

    /** Where each service's log ({@code <module>.log}) is written; emptied at start. */
    public LocalPlatformOptions withLogDirectory(Path directory) {
        Objects.requireNonNull(directory, "logDirectory");
        return new LocalPlatformOptions(
                repositoryRoot,
                jvmOptions,
                serviceProperties,
                serviceEnvironment,
                environment,
                directory.toAbsolutePath().normalize(),
                metricsScrapeInterval,
                switches);
    }

    public Path repositoryRoot() {
        return repositoryRoot;
    }

    public boolean randomPorts() {
        return switches.contains(Switch.RANDOM_PORTS);
    }

    /** The ports for one run: fixed, or freshly found free ones. */
    public PortPlan portPlan() {
        return randomPorts() ? PortPlan.random() : PortPlan.fixed();
    }

    public List<String> jvmOptions() {
        return jvmOptions;
    }

    public Map<String, String> serviceProperties(PlatformService service) {
        return serviceProperties.getOrDefault(service, Map.of());
    }

    public Map<String, String> serviceEnvironment(PlatformService service) {
        return serviceEnvironment.getOrDefault(service, Map.of());
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** {@code TEMPORAL_ADDRESS} when set: use that Temporal server instead of starting one. */
    public Optional<String> temporalAddress() {
        return nonBlank("TEMPORAL_ADDRESS");
    }

    /** {@code KUBECONFIG} when set: deploy to that cluster instead of the in-memory API. */
    public Optional<Path> kubeconfig() {
        return nonBlank("KUBECONFIG").map(Path::of);
    }

    /** The runnable jar of one service, which {@code mvn package} makes. */
    public Path serviceJar(PlatformService service) {
        return repositoryRoot
                .resolve("services")
                .resolve(service.module())
                .resolve("target")
                .resolve("quarkus-app")
                .resolve("quarkus-run.jar");
    }

    private Optional<String> nonBlank(String name) {
        return Optional.ofNullable(environment.get(name)).filter(value -> !value.isBlank());
    }

    /**
     * How often the platform's Prometheus scrapes (whole seconds, at least 1): tests use 1 s so a
     * figure shows within two seconds.
     */
    public LocalPlatformOptions withMetricsScrapeInterval(Duration interval) {
        Objects.requireNonNull(interval, "metricsScrapeInterval");
        if (interval.toMillis() < 1000 || interval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(
                    "metricsScrapeInterval: must be whole seconds, at least 1 (got "
                            + interval
                            + ")");
        }
        return new LocalPlatformOptions(
                repositoryRoot,
                jvmOptions,
                serviceProperties,
                serviceEnvironment,
                environment,
                logDirectory,
                interval,
                switches);
    }

    public Duration metricsScrapeInterval() {
        return metricsScrapeInterval;
    }

    /**
     * Custom domains go the whole way on the Docker apps target: a DNS server and an ACME CA of the
     * run's own ({@link TestDomains}: BIND and Pebble) verify and issue names under {@code .test}.
     */
    public LocalPlatformOptions withTestDomains() {
        return switchedOn(Switch.TEST_DOMAINS);
    }

    public boolean testDomains() {
        return switches.contains(Switch.TEST_DOMAINS);
    }

    /**
     * Makes every base image stand-in the cache lacks before pushing it (Debian roots: minutes each
     * the first time on a machine, see {@link BaseImageStandIns}), so that builds without a
     * Dockerfile work in every language. Without it only the cached ones are pushed.
     */
    public LocalPlatformOptions withEveryBaseImage() {
        return switchedOn(Switch.EVERY_BASE_IMAGE);
    }

    public boolean everyBaseImage() {
        return switches.contains(Switch.EVERY_BASE_IMAGE);
    }

    /**
     * Each service starts from a cache of the classes its previous start loaded ({@link
     * StartupCache}), written the first time it stops: what {@code ./run-platform} does. Tests
     * start from the jars alone, as every start did before.
     */
    public LocalPlatformOptions withStartupCache() {
        return switchedOn(Switch.STARTUP_CACHE);
    }

    public boolean startupCache() {
        return switches.contains(Switch.STARTUP_CACHE);
    }

    private LocalPlatformOptions switchedOn(Switch on) {
        Set<Switch> changed = EnumSet.of(on);
        changed.addAll(switches);
        return new LocalPlatformOptions(
                repositoryRoot,
                jvmOptions,
                serviceProperties,
                serviceEnvironment,
                environment,
                logDirectory,
                metricsScrapeInterval,
                changed);
    }
}
