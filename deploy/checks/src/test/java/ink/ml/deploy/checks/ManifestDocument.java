package ink.ml.deploy.checks;

import java.nio.file.Path;
import java.util.Map;

/**
 * One YAML document of a file under {@code deploy/eu-central-1/k8s/}: where it comes from and its
 * tree as plain maps and lists (placeholders already filled for templates).
 *
 * @param file the file, relative to {@code deploy/}
 * @param index the document's position in its file, from 0
 * @param tree the document as Jackson read it
 */
record ManifestDocument(Path file, int index, Map<String, Object> tree) {

    /**
     * A Kubernetes object names its API version and kind; Helm values and Prometheus configs do
     * not.
     */
    boolean isKubernetesObject() {
        return tree.get("apiVersion") instanceof String && tree.get("kind") instanceof String;
    }

    String apiVersion() {
        return (String) tree.get("apiVersion");
    }

    String kind() {
        return (String) tree.get("kind");
    }

    /** The directory under {@code k8s/}: system, templates, dp-build, observability. */
    String area() {
        return file.getName(file.getNameCount() - 2).toString();
    }

    @Override
    public String toString() {
        return file + (index == 0 ? "" : " #" + index);
    }
}
