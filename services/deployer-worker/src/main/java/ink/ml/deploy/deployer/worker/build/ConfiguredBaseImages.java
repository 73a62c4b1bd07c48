package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.buildplan.BaseImage;
import ink.ml.deploy.buildplan.BaseImages;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The configured base images as full references in the cluster's registry: {@code {registry}/{base
 * namespace}/{name}}. A name naming a registry of its own is refused at start, since a generated
 * build must never reach past the platform's registry.
 */
final class ConfiguredBaseImages {
    private ConfiguredBaseImages() {}

    static BaseImages of(BaseImagesConfig config, String registryHost, String baseNamespace) {
        Map<BaseImage, String> names = new EnumMap<>(BaseImage.class);
        names.put(BaseImage.NODE, config.node());
        names.put(BaseImage.PYTHON, config.python());
        names.put(BaseImage.GO, config.go());
        names.put(BaseImage.RUNTIME, config.runtime());
        names.put(BaseImage.STATIC, config.staticSite());
        names.put(BaseImage.JDK, config.jdk());
        names.put(BaseImage.JRE, config.jre());
        Map<BaseImage, String> references = new EnumMap<>(BaseImage.class);
        names.forEach(
                (image, name) ->
                        references.put(
                                image,
                                registryHost + "/" + baseNamespace + "/" + checked(image, name)));
        return new BaseImages(references);
    }

    private static String checked(BaseImage image, String name) {
        String property =
                "mcpdeploy.build.base-images."
                        + image.name().toLowerCase(Locale.ROOT)
                        + " (\""
                        + name
                        + "\")";
        String value = name == null ? "" : name.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException(property + " must name an image");
        }
        String firstSegment = value.contains("/") ? value.substring(0, value.indexOf('/')) : "";
        if (value.contains("://")
                || value.startsWith("/")
                || firstSegment.contains(".")
                || firstSegment.contains(":")
                || firstSegment.equals("localhost")) {
            throw new IllegalArgumentException(
                    property
                            + " must be a name inside the registry's base namespace, e.g."
                            + " node:22-bookworm-slim, not a reference to another registry");
        }
        return value;
    }
}
