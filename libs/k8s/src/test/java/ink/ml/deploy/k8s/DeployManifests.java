package ink.ml.deploy.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the checked-in cluster manifests in deploy/ as the API server would receive them. */
final class DeployManifests {
    /** The build pool's namespace and its network policies, next to the templates. */
    static final Path DP_BUILD = Templates.DIRECTORY.resolveSibling("dp-build");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private DeployManifests() {}

    /** Every {@code *.yaml} in the directory, one resource per file, in file name order. */
    static List<HasMetadata> load(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yaml"))
                    .sorted()
                    .map(DeployManifests::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> resources, Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    private static HasMetadata read(Path file) {
        try {
            Object parsed = SERIALIZATION.unmarshal(Files.readString(file));
            if (!(parsed instanceof HasMetadata resource)) {
                // A list or a multi-document file would hide resources from ofKind().
                throw new AssertionError(file + " must hold exactly one resource, got " + parsed);
            }
            return resource;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
