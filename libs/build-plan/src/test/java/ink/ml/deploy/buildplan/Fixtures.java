package ink.ml.deploy.buildplan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small checkouts written into a temporary directory, and the base images tests configure. */
final class Fixtures {
    static final BaseImages IMAGES = images();

    private Fixtures() {}

    /** Files by their path relative to the root; a path ending in "/" is an empty directory. */
    static Map<String, String> files(String... pathsAndContents) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            files.put(pathsAndContents[i], pathsAndContents[i + 1]);
        }
        return files;
    }

    static Path write(Path root, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = root.resolve(file.getKey());
                if (file.getKey().endsWith("/")) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BaseImages images() {
        Map<BaseImage, String> references = new EnumMap<>(BaseImage.class);
        for (BaseImage image : BaseImage.values()) {
            references.put(
                    image, "registry.internal:5000/base/" + image.name().toLowerCase() + ":pinned");
        }
        return new BaseImages(references);
    }
}
