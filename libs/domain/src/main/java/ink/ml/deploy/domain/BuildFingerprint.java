package ink.ml.deploy.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A short hash of a service's build settings ({@link BuildSettings#fingerprint()}): the first
 * {@value #LENGTH} hex digits of a SHA-256. It is part of the image tag, so the same commit built
 * with other settings is another image. 48 bits: a collision needs two settings of one service at
 * one commit to collide, not any two images on the platform.
 */
public record BuildFingerprint(String value) {
    public static final int LENGTH = 12;

    private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{" + LENGTH + "}");

    public BuildFingerprint {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidValueException(
                    "buildFingerprint", "must be " + LENGTH + " lowercase hex digits");
        }
    }

    /** The fingerprint of a canonical text, e.g. {@link BuildSettings#canonical()}. */
    static BuildFingerprint of(String canonical) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256")
                            .digest(canonical.getBytes(StandardCharsets.UTF_8));
            return new BuildFingerprint(HexFormat.of().formatHex(digest).substring(0, LENGTH));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
