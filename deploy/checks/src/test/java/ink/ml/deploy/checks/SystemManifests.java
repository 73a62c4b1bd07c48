package ink.ml.deploy.checks;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.NoSuchElementException;

/** The objects of deploy/eu-central-1/k8s/system/ as fabric8 reads them. */
final class SystemManifests {
    private SystemManifests() {}

    static List<HasMetadata> all() {
        return KubernetesManifests.objectsIn("system").stream().map(StrictModel::parse).toList();
    }

    /** The one object of that kind and name; fails the test when there is none. */
    static <T extends HasMetadata> T named(Class<T> kind, String name) {
        return all().stream()
                .filter(kind::isInstance)
                .map(kind::cast)
                .filter(r -> r.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(
                        () ->
                                new NoSuchElementException(
                                        "system/ holds no " + kind.getSimpleName() + " " + name));
    }

    static <T extends HasMetadata> List<T> ofKind(Class<T> kind) {
        return all().stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
