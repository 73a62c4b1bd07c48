package ink.ml.deploy.local;

import java.util.Map;

/**
 * How one service is started: system properties (the command line: never a secret) and the
 * environment variables added to the launcher's own (secrets go only here).
 */
public record ServiceLaunch(
        PlatformService service,
        Map<String, String> systemProperties,
        Map<String, String> environment) {
    public ServiceLaunch {
        systemProperties = Map.copyOf(systemProperties);
        environment = Map.copyOf(environment);
    }

    /** Names only: environment values are secrets. */
    @Override
    public String toString() {
        return "ServiceLaunch["
                + service.module()
                + ", properties="
                + systemProperties
                + ", environment="
                + environment.keySet()
                + "]";
    }
}
