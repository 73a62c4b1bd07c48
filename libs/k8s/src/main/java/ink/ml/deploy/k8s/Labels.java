package ink.ml.deploy.k8s;

import ink.ml.deploy.domain.ProjectName;
import ink.ml.deploy.domain.ServiceRef;
import ink.ml.deploy.domain.UserId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels every platform-managed resource carries. Immutable: each wither returns a new value.
 * The keys are the contract with operators and with other components (selectors, cleanup), so they
 * live here and nowhere else.
 */
public final class Labels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String NAME = "app.kubernetes.io/name";
    public static final String TENANT = "dp.ml.ink/tenant";
    public static final String PROJECT = "dp.ml.ink/project";
    public static final String SERVICE = "dp.ml.ink/service";
    public static final String COMPONENT = "dp.ml.ink/component";

    public static final String MANAGER = "mcpdeploy";

    private final Map<String, String> values;

    private Labels(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Labels of project-wide resources: the namespace and its network policies. */
    public static Labels forProject(UserId user, ProjectName project) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(MANAGED_BY, MANAGER);
        values.put(TENANT, user.value());
        values.put(PROJECT, project.value());
        return new Labels(values);
    }

    /** Labels of one service's resources. */
    public static Labels forService(ServiceRef service) {
        return forProject(service.user(), service.project())
                .with(NAME, service.service().value())
                .with(SERVICE, service.service().value());
    }

    /** The selector that finds one service's pods; stable across deployments. */
    public static Map<String, String> serviceSelector(ServiceRef service) {
        return Map.of(SERVICE, service.service().value());
    }

    public Labels withComponent(String component) {
        return with(COMPONENT, component);
    }

    private Labels with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Labels(copy);
    }

    public Map<String, String> toMap() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Labels labels && values.equals(labels.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
