package ink.ml.deploy.buildplan;

import java.util.Map;

/**
 * The configured reference of each {@link BaseImage}, e.g. {@code
 * registry.internal:5000/base/node:22-bookworm-slim}. Every base image must be configured.
 */
public record BaseImages(Map<BaseImage, String> references) {
    public BaseImages {
        references = Map.copyOf(references);
        for (BaseImage image : BaseImage.values()) {
            String reference = references.get(image);
            if (reference == null || reference.isBlank()) {
                throw new IllegalArgumentException(
                        "base image " + image.name().toLowerCase() + " is not configured");
            }
        }
    }

    public String reference(BaseImage image) {
        return references.get(image);
    }
}
