package ink.ml.deploy.deployer.worker.build;

import ink.ml.deploy.buildplan.BaseImage;
import ink.ml.deploy.buildplan.BaseImages;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Base image references in a registry's base namespace, for tests that never pull them. */
final class TestBaseImageNames {
    private TestBaseImageNames() {}

    static BaseImages in(String registryHost) {
        Map<BaseImage, String> references = new EnumMap<>(BaseImage.class);
        for (BaseImage image : BaseImage.values()) {
            references.put(
                    image,
                    registryHost + "/base/" + image.name().toLowerCase(Locale.ROOT) + ":test");
        }
        return new BaseImages(references);
    }
}
